namespace AeBot.Data.Import;

/// <summary>Recognises what an export holds from its column names, helped by its file name.</summary>
internal static class KindDetector
{
    private static readonly Dictionary<ImportKind, string[][]> Required = new()
    {
        // Each inner array is an alternative: all of its fields must be present.
        [ImportKind.Opportunities] = [["name", "stage"], ["id", "stage"], ["name", "status", "amount"], ["name", "is_won"]],
        [ImportKind.Accounts] = [["name"]],
        [ImportKind.Contacts] = [["name"], ["first_name"], ["last_name"], ["email"]],
        [ImportKind.Reps] = [["name"], ["email"], ["first_name", "last_name"]],
        [ImportKind.Products] = [["name"]],
        [ImportKind.Contracts] = [["end_date"], ["start_date", "term_months"]],
        [ImportKind.Activities] = [["date", "subject"], ["date", "summary"], ["date", "type"]],
    };

    public static ImportKind? Detect(IReadOnlyList<string> header, string fileName, out string explanation)
    {
        var normalized = header.Select(h => (Header: h, Normalized: ColumnSynonyms.Normalize(h))).ToList();
        var lowerName = Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant();
        var scores = new List<(ImportKind Kind, int Score)>();
        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            var fields = normalized.Select(n => ColumnSynonyms.FieldFor(kind, n.Normalized) ?? ColumnVocabulary.FieldFor(kind, n.Header))
                .Where(f => f is not null).Select(f => f!).ToHashSet();
            if (!Required[kind].Any(alternative => alternative.All(fields.Contains)))
                continue;
            var score = fields.Count + 2 * ColumnSynonyms.Telltales[kind].Count(fields.Contains);
            if (ColumnSynonyms.FileNameHints[kind].Any(lowerName.Contains))
                score += 4;
            scores.Add((kind, score));
        }

        if (scores.Count == 0)
        {
            explanation = "its columns don't look like opportunities, accounts, contacts, users, products, contracts or activities "
                + $"(header: {string.Join(", ", header.Take(8))}{(header.Count > 8 ? ", …" : "")}); name the kind in a mapping file";
            return null;
        }
        var best = scores.OrderByDescending(s => s.Score).ThenBy(s => s.Kind).First();
        explanation = $"recognised as {best.Kind.ToString().ToLowerInvariant()}";
        return best.Kind;
    }
}
