namespace AeBot.Crm.Fakes.HubSpot;

// Records as HubSpot's CRM objects API returns them (id, properties, createdAt/updatedAt, archivedAt:
// https://developers.hubspot.com/docs/api/crm/understanding-the-crm); token states as its error responses tell them
// apart (https://developers.hubspot.com/docs/api/error-handling).

/// <summary>A request the fake received, for assertions.</summary>
public sealed record FakeRequest(string Method, string Path, string Query, string Body)
{
    public bool IsSearch => Method == "POST" && Path.EndsWith("/search", StringComparison.Ordinal);
}

public enum FakeTokenState
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>A CRM record in the fake's store. Tests may read it; edits go through <see cref="FakeHubSpot"/> so they are stamped.</summary>
public sealed class FakeRecord(string type, string id)
{
    public string Type { get; } = type;

    public string Id { get; } = id;

    public Dictionary<string, string?> Properties { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Associations from this record, by target object type: (target id, association type id).</summary>
    public Dictionary<string, List<(string Id, int TypeId)>> Associations { get; } = new(StringComparer.Ordinal);

    public string? this[string property] => Properties.TryGetValue(property, out var v) ? v : null;
}

public sealed record FakeTeam(string Id, string Name, bool Primary);

public sealed class FakeOwner
{
    public required string Id { get; init; }

    public string? Email { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public long UserId { get; init; }

    public List<FakeTeam> Teams { get; init; } = [];

    public bool Archived { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed record FakeStage(string Id, string Label, int DisplayOrder, string Probability, bool IsClosed);

public sealed record FakePipeline(string Id, string Label, int DisplayOrder, List<FakeStage> Stages)
{
    /// <summary>HubSpot's default sales pipeline with its default stages and probabilities.</summary>
    public static FakePipeline Default() => new("default", "Sales Pipeline", 0,
    [
        new("appointmentscheduled", "Appointment Scheduled", 0, "0.2", false),
        new("qualifiedtobuy", "Qualified To Buy", 1, "0.4", false),
        new("presentationscheduled", "Presentation Scheduled", 2, "0.6", false),
        new("decisionmakerboughtin", "Decision Maker Bought-In", 3, "0.8", false),
        new("contractsent", "Contract Sent", 4, "0.9", false),
        new("closedwon", "Closed Won", 5, "1.0", true),
        new("closedlost", "Closed Lost", 6, "0.0", true),
    ]);
}
