using AeBot.Core.Organization;

namespace AeBot.Core.Accounts;

/// <summary>A customer or prospect company.</summary>
public class Account
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public required string Name { get; set; }

    /// <summary><see cref="NameNormalizer.Normalize"/> of <see cref="Name"/>: how imports and chat find the account.</summary>
    public string NormalizedName { get; set; } = "";

    /// <summary>The account executive who owns new business and expansion.</summary>
    public long? OwnerId { get; set; }
    public Rep? Owner { get; set; }

    /// <summary>The account manager who owns the relationship after the first deal is signed.</summary>
    public long? AccountManagerId { get; set; }
    public Rep? AccountManager { get; set; }

    public string? Industry { get; set; }

    /// <summary>Number of employees, when known.</summary>
    public int? Employees { get; set; }

    /// <summary>Size band ("SMB", "Mid-Market", "Enterprise"), as the CRM calls it.</summary>
    public string? Segment { get; set; }

    public long? ParentAccountId { get; set; }
    public Account? ParentAccount { get; set; }

    public string? Website { get; set; }
    public string? Country { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<Contact> Contacts { get; set; } = [];
}
