namespace AeBot.Data.Import;

/// <summary>
/// What a column's words mean when its whole name is in no synonym list (#16): one vocabulary per concept, shared by
/// every kind of file — a person is a person whether the column says owner, rep, seller, agent or assignee — read word
/// by word ("sales_agent", "Engage Date", "SalesPrice" → sales + agent, engage + date, sales + price).
/// </summary>
internal static class ColumnVocabulary
{
    private static readonly HashSet<string> Person =
        ["owner", "rep", "reps", "representative", "agent", "seller", "salesperson", "executive", "ae", "assignee", "assigned", "user", "employee", "member"];

    // Not "lead": a lead is a prospect (Lead Source, Close's lead_name), far more often than a team lead.
    private static readonly HashSet<string> Manager = ["manager", "supervisor", "boss", "reportsto"];

    private static readonly HashSet<string> Team = ["team", "region", "regional", "office", "territory", "division", "branch", "group"];

    /// <summary>When the work with a customer began: engagement, opened, created, added (and "first contact", below).</summary>
    private static readonly HashSet<string> Start = ["engage", "engaged", "engagement", "opened", "created", "added"];

    private static readonly HashSet<string> Price = ["price", "msrp"];

    // Words that make a column something else: an id or an e-mail of the person, not the person.
    private static readonly HashSet<string> NotTheThing = ["id", "email", "mail", "phone", "count", "number"];

    /// <summary>
    /// Words a CRM export's column names are made of. A column with none of them (and no known name) is unclear —
    /// "Vendedor", "Column 7", "Feld3" — and only then do its values decide what it is: "Last Modified Date" is
    /// clear (a date AeBot has no use for), and its dates must not be taken for a close date.
    /// </summary>
    private static readonly HashSet<string> CrmWords =
    [
        "account", "accounts", "activity", "address", "amount", "annual", "arr", "assigned", "billing", "by", "call", "campaign", "category",
        "city", "close", "closed", "closing", "code", "comment", "comments", "company", "contact", "contract", "country", "created",
        "currency", "customer", "date", "day", "deal", "deals", "deleted", "description", "discount", "domain", "due", "duration", "edited",
        "end", "est", "estimated", "expected", "fax", "first", "forecast", "full", "industry", "is", "label", "last", "lead", "line",
        "linkedin", "lost", "mobile", "modified", "name", "next", "note", "notes", "of", "opportunity", "organization", "organisation",
        "parent", "people", "percent", "period", "person", "phone", "pipeline", "postal", "price", "priority", "probability", "product",
        "products", "quantity", "quota", "rating", "reason", "record", "revenue", "role", "score", "segment", "source", "stage", "start",
        "state", "status", "step", "street", "subject", "tag", "tags", "task", "territory", "time", "title", "total", "type", "updated",
        "url", "value", "visibility", "website", "weighted", "won", "year", "zip", "id", "email", "number", "count", "employees",
        "profile", "alias", "login", "department", "language", "locale", "signature", "nickname", "middle", "prefix", "suffix",
        "salutation", "social", "priority", "details", "channel", "medium", "size", "direction", "outcome", "free", "busy", "done",
        "archive", "origin", "label", "labels", "visible", "participants", "interaction", "inactive", "days", "competitor", "converted",
        "exchange", "rate", "html", "custom", "lifecycle", "marketing", "business", "main", "primary", "secondary", "other", "home",
        "work", "permissions", "preferred", "street", "district", "region", "county", "apartment", "suite", "house", "followers",
        "num", "calls", "emails", "meetings", "notes", "tasks", "html", "updated", "lead", "leads", "contacts", "opportunities",
    ];

    /// <summary>Whether a column's name says nothing AeBot can read: no known name and no word a CRM export uses.</summary>
    public static bool IsUnclear(string header)
    {
        var normalized = ColumnSynonyms.Normalize(header);
        if (normalized.Length == 0 || ColumnSynonyms.Variants(header).Any(ColumnSynonyms.IsKnownName))
            return false;
        var words = Words(header);
        return !words.Overlaps(CrmWords) && !words.Overlaps(Person) && !words.Overlaps(Manager) && !words.Overlaps(Team)
            && !words.Overlaps(Start) && !words.Overlaps(Price);
    }

    /// <summary>Whether the header's words name a seller or their manager (and not their id or e-mail).</summary>
    public static bool NamesPerson(string header)
    {
        var words = Words(header);
        return !words.Overlaps(NotTheThing) && (words.Overlaps(Person) || words.Overlaps(Manager));
    }

    /// <summary>The field of <paramref name="kind"/> the header's words name, or null.</summary>
    public static string? FieldFor(ImportKind kind, string header)
    {
        var words = Words(header);
        if (words.Count == 0 || words.Overlaps(NotTheThing))
            return null;
        return kind switch
        {
            ImportKind.Reps when words.Overlaps(Manager) => "manager",
            ImportKind.Reps when words.Overlaps(Team) => "team",
            ImportKind.Reps when words.Overlaps(Person) => "name",
            ImportKind.Opportunities or ImportKind.Accounts or ImportKind.Activities when words.Overlaps(Person) => "owner",
            // "Created By" names a person, not a date.
            ImportKind.Opportunities when !words.Contains("by") && (words.Overlaps(Start) || words.Contains("first") && words.Contains("contact")) => "created_date",
            ImportKind.Products when words.Overlaps(Price) => "list_price",
            _ => null,
        };
    }

    /// <summary>Lower-case words: split at anything not a letter or digit and where a lower-case letter meets a capital.</summary>
    public static HashSet<string> Words(string header)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= header.Length; i++)
        {
            var boundary = i == header.Length || !char.IsLetterOrDigit(header[i])
                || (i > 0 && char.IsUpper(header[i]) && char.IsLower(header[i - 1]));
            if (boundary && start >= 0)
            {
                words.Add(header[start..i].ToLowerInvariant());
                start = -1;
            }
            if (i < header.Length && char.IsLetterOrDigit(header[i]) && start < 0)
                start = i;
        }
        return words;
    }
}
