namespace AeBot.Core.Accounts;

/// <summary>A person at an account.</summary>
public class Contact
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public long? AccountId { get; set; }
    public Account? Account { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Title { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
