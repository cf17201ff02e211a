namespace AeBot.Data.Import;

/// <summary>How AeBot knows a column feeds a field.</summary>
public enum MatchSource
{
    /// <summary>The column's name says it.</summary>
    Name,

    /// <summary>The column's name is unclear; its values say it.</summary>
    Content,

    /// <summary>The name says it and the values agree.</summary>
    Both,

    /// <summary>The mapping file says it.</summary>
    Mapping,
}

/// <summary>
/// One column of a file as the import reads it: the field it feeds and how sure AeBot is, or — when it feeds none —
/// the nearest field and the mapping line that would take it there.
/// </summary>
public sealed record ColumnReading(int Index, string Header, string? Field, MatchSource? Source, string? Suggestion = null, IReadOnlyList<string>? Examples = null)
{
    /// <summary>The line of a mapping file that sends this column to <see cref="Suggestion"/>.</summary>
    public string? MappingLine => Suggestion is null ? null : $"\"columns\": {{ \"{Header}\": \"{Suggestion}\" }}";
}

/// <summary>
/// Reads a whole import the way a person does (#16): every file's kind and every column's field from the names and
/// from the values. Files are read together — a roster is recognised because its people are the deals' owners —
/// and the result never depends on the order the files come in: everything is worked out from the whole set,
/// repeated until nothing changes, before anything is imported.
/// </summary>
internal static class ExportRecognizer
{
    public sealed class Input(CsvFile file, ImportKind? forcedKind, IReadOnlyDictionary<string, string?> overrides, ColumnProfile[] profiles)
    {
        public CsvFile File { get; } = file;
        public ImportKind? ForcedKind { get; } = forcedKind;
        public IReadOnlyDictionary<string, string?> Overrides { get; } = overrides;
        public ColumnProfile[] Profiles { get; } = profiles;
        public string Name => Path.GetFileName(File.Path);

        /// <summary>Per column, whether its name says nothing AeBot knows — worked out once, a wide export has hundreds.</summary>
        public bool[] Unclear { get; } = file.Header.Select(ColumnVocabulary.IsUnclear).ToArray();
    }

    public sealed record Reading(ImportKind? Kind, string Why, IReadOnlyList<ColumnReading> Columns);

    public static IReadOnlyList<Reading> Recognize(IReadOnlyList<Input> files)
    {
        // The people of this import, each with the files naming them: first the values of columns whose names say
        // they hold a seller (owner, rep, agent, manager…) in any file; then, pass by pass, the names, managers and
        // owners the readings found — until nothing new is learnt. Everything is a union over the whole set, so the
        // order of the files changes nothing.
        var people = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
            for (var i = 0; i < file.File.Header.Count; i++)
                if (NamesSeller(file.File.Header[i]) && !file.Profiles[i].Mostly(file.Profiles[i].Emails))
                    AddPeople(people, file.Profiles[i], file.Name);

        // The companies of this import: the names in files read as accounts, and the values of columns named for a
        // company elsewhere — so a deals file's "Cliente" column is its account because its values are the accounts.
        var companies = new HashSet<string>(StringComparer.Ordinal);
        var readings = new Reading[files.Count];
        for (var pass = 0; pass < 4; pass++)
        {
            for (var f = 0; f < files.Count; f++)
                readings[f] = Read(files[f], people, companies);
            var companiesBefore = companies.Count;
            for (var f = 0; f < files.Count; f++)
                foreach (var column in readings[f].Columns.Where(c => c.Field == "account" || c.Field == "name" && readings[f].Kind == ImportKind.Accounts))
                    companies.UnionWith(files[f].Profiles[column.Index].Values);
            var before = people.Values.Sum(v => v.Count);
            for (var f = 0; f < files.Count; f++)
                foreach (var column in readings[f].Columns.Where(c => c.Field is "owner" or "manager" || c.Field == "name" && readings[f].Kind == ImportKind.Reps))
                    if (!files[f].Profiles[column.Index].Mostly(files[f].Profiles[column.Index].Emails))
                        AddPeople(people, files[f].Profiles[column.Index], files[f].Name);
            if (people.Values.Sum(v => v.Count) == before && companies.Count == companiesBefore)
                break;
        }
        return readings;
    }

    private static void AddPeople(Dictionary<string, SortedSet<string>> people, ColumnProfile profile, string file)
    {
        foreach (var value in profile.Values)
        {
            if (!people.TryGetValue(value, out var files))
                people[value] = files = new SortedSet<string>(StringComparer.Ordinal);
            files.Add(file);
        }
    }

    private static bool NamesSeller(string header)
    {
        return ColumnSynonyms.Variants(header).Any(ColumnSynonyms.IsPersonName) || ColumnVocabulary.NamesPerson(header);
    }

    private static Reading Read(Input file, Dictionary<string, SortedSet<string>> seen, IReadOnlySet<string> companies)
    {
        var known = new Known(seen.Keys.ToHashSet(StringComparer.Ordinal), companies);
        var header = file.File.Header;
        ImportKind? kind = file.ForcedKind;
        string why;
        if (kind is { } forced)
        {
            why = "named in the mapping file";
        }
        else
        {
            var scores = new List<(ImportKind Kind, int Score, string Why)>();
            foreach (var candidate in Enum.GetValues<ImportKind>())
            {
                var columns = Columns(file, candidate, known);
                var fields = columns.Where(c => c.Field is not null).Select(c => c.Field!).ToHashSet();
                if (!KindRules.Satisfied(candidate, fields))
                    continue;
                var telltales = columns.Where(c => c.Field is not null && ColumnSynonyms.Telltales[candidate].Contains(c.Field)).Select(c => c.Header).ToList();
                var score = fields.Count + 2 * telltales.Count;
                var reasons = new List<string>();
                if (telltales.Count > 0)
                    reasons.Add($"columns {string.Join(", ", telltales.Take(4))}");
                if (ColumnSynonyms.FileNameHints[candidate].Any(hint => NameWords(file.Name).Any(word => HintMatches(hint, word))))
                {
                    score += 4;
                    reasons.Add("its file name");
                }
                // A file whose names are the sellers met in another file of the import is the roster of those sellers.
                if (candidate == ImportKind.Reps && columns.FirstOrDefault(c => c.Field == "name") is { } names
                    && ElsewhereAmong(file.Profiles[names.Index], seen, file.Name) is { } source)
                {
                    score += 8;
                    reasons.Add($"its {names.Header} are the sellers named in {source}");
                }
                if (reasons.Count == 0)
                    reasons.Add($"columns {string.Join(", ", columns.Where(c => c.Field is not null).Take(3).Select(c => c.Header))}");
                scores.Add((candidate, score, string.Join("; ", reasons)));
            }
            if (scores.Count == 0)
            {
                why = "its columns don't look like opportunities, accounts, contacts, users, products, contracts or activities "
                    + $"(header: {string.Join(", ", header.Take(8))}{(header.Count > 8 ? ", …" : "")}); name the kind in a mapping file";
                return new Reading(null, why, header.Select((h, i) => new ColumnReading(i, h, null, null)).ToList());
            }
            var best = scores.OrderByDescending(s => s.Score).ThenBy(s => s.Kind).First();
            kind = best.Kind;
            why = best.Why;
        }
        return new Reading(kind, why, Columns(file, kind.Value, known, suggest: true));
    }

    /// <summary>The first other file naming most of this column's values as sellers, or null.</summary>
    private static string? ElsewhereAmong(ColumnProfile profile, Dictionary<string, SortedSet<string>> seen, string file)
    {
        var elsewhere = profile.Values.Where(v => seen.TryGetValue(v, out var files) && files.Any(f => f != file)).ToList();
        // Half is enough: a roster also lists managers and new hires who own no deal yet.
        if (elsewhere.Count < 2 || elsewhere.Count * 2 < profile.Distinct)
            return null;
        return elsewhere.SelectMany(v => seen[v]).Where(f => f != file).Min(StringComparer.Ordinal);
    }

    /// <summary>A file name's words, each with its plural trimmed ("sales_reps.csv" → sales, rep), to match hints.</summary>
    private static HashSet<string> NameWords(string fileName)
    {
        var words = ColumnVocabulary.Words(Path.GetFileNameWithoutExtension(fileName));
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            result.Add(word);
            if (word.EndsWith('s'))
                result.Add(word[..^1]);
        }
        return result;
    }

    /// <summary>A hint is a word's start ("opportunit", "compan"); a short one must be the whole word ("rep" is not "report").</summary>
    private static bool HintMatches(string hint, string word) =>
        hint.Length <= 3 ? word == hint : word.StartsWith(hint, StringComparison.Ordinal);

    /// <summary>Every column of <paramref name="file"/> read as <paramref name="kind"/>: names first, then values.</summary>
    private static List<ColumnReading> Columns(Input file, ImportKind kind, Known known, bool suggest = false)
    {
        var header = file.File.Header;
        var overrides = file.Overrides.ToDictionary(o => ColumnSynonyms.Normalize(o.Key), o => o.Value);
        var result = new ColumnReading?[header.Count];
        var taken = new HashSet<string>(StringComparer.Ordinal);

        // 1. The mapping file, then names known whole (a column named for a field wins over any guess).
        for (var i = 0; i < header.Count; i++)
        {
            var normalized = ColumnSynonyms.Normalize(header[i]);
            if (overrides.TryGetValue(normalized, out var forced))
            {
                // A column the mapping sends nowhere is ignored on purpose: Mapping, with no field.
                result[i] = new ColumnReading(i, header[i], forced, MatchSource.Mapping);
                if (forced is not null)
                    taken.Add(forced);
            }
            else if (normalized.Length > 0 && ColumnSynonyms.FieldForHeader(kind, header[i]) is { } field)
            {
                result[i] = Named(i, header[i], field, kind, file.Profiles[i], known);
                taken.Add(field);
            }
        }
        // 1b. Columns named for a field that another column of the file feeds better.
        for (var i = 0; i < header.Count; i++)
        {
            if (result[i] is not { Source: MatchSource.Name or MatchSource.Both, Field: { } field })
                continue;
            var normalized = ColumnSynonyms.Normalize(header[i]);
            var others = Enumerable.Range(0, header.Count).Where(j => j != i && result[j]?.Field == field).ToList();
            // A person's id beside the person's name (Copper's "Owner Id", Zoho's "Deal Owner.id"): the name is used.
            var personId = field is "owner" or "manager" && normalized.EndsWith("id", StringComparison.Ordinal)
                && others.Any(j => !ColumnSynonyms.Normalize(header[j]).EndsWith("id", StringComparison.Ordinal));
            // Close writes "value" in cents (its value_period/value_currency columns tell its export apart) and
            // "value_formatted" as shown ("$48,000"): the shown one is the amount, and cents are never taken for dollars.
            var cents = field == "amount" && normalized == "value"
                && header.Any(h => ColumnSynonyms.Normalize(h) is "valueformatted" or "valueperiod");
            // A reference that is the same on every row while the names it should tell apart differ is something
            // else (Close's organization_id is the workspace, not the company).
            var constant = field.EndsWith("_id", StringComparison.Ordinal) && file.Profiles[i] is { Distinct: 1, NonEmpty: >= 3 }
                && Enumerable.Range(0, header.Count).Any(j => result[j]?.Field == field[..^3] && file.Profiles[j].Distinct > 1);
            if (personId || cents || constant)
            {
                result[i] = null;
                if (others.Count == 0)
                    taken.Remove(field);
            }
        }
        // A column set aside above is not read again by its words or values: it is listed as not used.
        var setAside = Enumerable.Range(0, header.Count).Where(i => result[i] is null && ColumnSynonyms.FieldForHeader(kind, header[i]) is not null).ToHashSet();

        // 2. Names read word by word, for fields no column is named for.
        for (var i = 0; i < header.Count; i++)
        {
            if (result[i] is not null || setAside.Contains(i) || ColumnSynonyms.Normalize(header[i]).Length == 0)
                continue;
            if (ColumnVocabulary.FieldFor(kind, header[i]) is { } field && taken.Add(field))
                result[i] = Named(i, header[i], field, kind, file.Profiles[i], known);
        }
        // 3. Values, for columns whose names say nothing a CRM export would say. Two unclear columns of dates (or of
        // amounts) are not told apart by their values: neither is taken — better unrecognised, with a suggestion,
        // than a wrong close date or amount.
        var unread = Enumerable.Range(0, header.Count).Where(i => result[i] is null && file.Unclear[i]).ToList();
        var dateColumns = unread.Count(i => file.Profiles[i].Mostly(file.Profiles[i].Dates));
        var amountColumns = unread.Count(i => file.Profiles[i].Mostly(file.Profiles[i].Amounts));
        var names = Enumerable.Range(0, header.Count).Where(i => result[i]?.Field == "name").SelectMany(i => file.Profiles[i].Values).ToHashSet(StringComparer.Ordinal);
        foreach (var i in unread)
        {
            if (ContentField(kind, file.Profiles[i], known, taken, dateColumns, amountColumns, names) is { } field && taken.Add(field))
            {
                result[i] = new ColumnReading(i, header[i], field, MatchSource.Content, Examples: file.Profiles[i].Examples);
                if (field == "name")
                    names.UnionWith(file.Profiles[i].Values);
            }
        }
        // 4. What is left feeds nothing: say which field it is nearest to (only for the reading that is kept).
        for (var i = 0; i < header.Count; i++)
            result[i] ??= new ColumnReading(i, header[i], null, null,
                suggest ? Nearest(kind, header[i], file.Profiles[i], taken, file.Unclear[i]) : null, file.Profiles[i].Examples);
        return result.Select(r => r!).ToList();
    }

    private static ColumnReading Named(int index, string header, string field, ImportKind kind, ColumnProfile profile, Known known) =>
        new(index, header, field, ContentAgrees(kind, field, profile, known) ? MatchSource.Both : MatchSource.Name, Examples: profile.Examples);

    /// <summary>Whether the values look like what the field holds (for the preview's "name and content").</summary>
    private static bool ContentAgrees(ImportKind kind, string field, ColumnProfile p, Known known) => field switch
    {
        _ when p.NonEmpty == 0 => false,
        "close_date" or "created_date" or "date" or "start_date" or "end_date" or "quota_start" or "quota_end" or "next_step_due" or "last_activity"
            => p.Mostly(p.Dates),
        "amount" or "annual_value" or "list_price" or "quota" => p.Mostly(p.Amounts),
        "probability" or "probability_fraction" => p.Mostly(p.Percents + p.Amounts),
        "email" or "owner_email" => p.Mostly(p.Emails),
        "stage" => p.Mostly(p.Stages),
        "country" => p.Mostly(p.Countries),
        "owner" or "manager" => p.MostlyAmong(known.People) || p.Mostly(p.PersonShaped),
        "name" when kind is ImportKind.Reps or ImportKind.Contacts => p.MostlyAmong(known.People) || p.Mostly(p.PersonShaped),
        "team" => p.IsCategory || p.Mostly(p.Regions),
        _ => false,
    };

    /// <summary>The field an unclear column's values name for <paramref name="kind"/>, or null when they don't say.</summary>
    private static string? ContentField(ImportKind kind, ColumnProfile p, Known known, IReadOnlySet<string> taken, int unclearDateColumns,
        int unclearAmountColumns, IReadOnlySet<string> namesInFile)
    {
        if (p.NonEmpty == 0)
            return null;
        var isPeople = p.MostlyAmong(known.People);
        var isCompany = !isPeople && p.MostlyAmong(known.Companies);
        string? Free(params string[] candidates) => candidates.FirstOrDefault(c => !taken.Contains(c));
        return kind switch
        {
            ImportKind.Reps when isPeople => Free("name", "manager"),
            // Names shaped like a person's and all different are the roster's people; a job title or a city repeats.
            ImportKind.Reps when p.Mostly(p.PersonShaped) && !taken.Contains("name") && p.Distinct == p.NonEmpty && p.NonEmpty >= 2 => "name",
            // A second column of people is the manager only when it names people this import knows (its own rows
            // or the sellers met elsewhere): "Account Executive" is shaped like a name but manages nobody.
            ImportKind.Reps when p.Mostly(p.PersonShaped) && (p.Overlap(known.People) > 0 || p.Values.Overlaps(namesInFile)) => Free("manager"),
            ImportKind.Reps when p.Mostly(p.Emails) => Free("email"),
            ImportKind.Reps when p.Mostly(p.Titles) => Free("role"),
            ImportKind.Reps when p.Mostly(p.Regions) || p.IsCategory && !p.Mostly(p.Amounts + p.Dates + p.Titles + p.PersonShaped) => Free("team"),
            ImportKind.Opportunities or ImportKind.Contacts or ImportKind.Activities or ImportKind.Contracts when isCompany => Free("account"),
            ImportKind.Opportunities when p.Mostly(p.Stages) => Free("stage"),
            ImportKind.Opportunities when isPeople => Free("owner"),
            ImportKind.Opportunities when p.Mostly(p.Emails) => Free("owner_email"),
            ImportKind.Opportunities when p.Mostly(p.Percents) => Free("probability"),
            ImportKind.Opportunities when p.Mostly(p.Amounts) && unclearAmountColumns == 1 => Free("amount"),
            // One unclear date column in a deals file is its close date only when no column is named for it; two
            // are not told apart by their values — better unrecognised (with a suggestion) than a wrong close date.
            ImportKind.Opportunities when p.Mostly(p.Dates) && unclearDateColumns == 1 => Free("close_date"),
            ImportKind.Accounts when p.Mostly(p.Countries) => Free("country"),
            ImportKind.Accounts or ImportKind.Activities when isPeople => Free("owner"),
            ImportKind.Contacts when p.Mostly(p.Emails) => Free("email"),
            ImportKind.Activities when p.Mostly(p.Dates) && unclearDateColumns == 1 => Free("date"),
            ImportKind.Products when p.Mostly(p.Amounts) && unclearAmountColumns == 1 => Free("list_price"),
            ImportKind.Contracts when p.Mostly(p.Amounts) && unclearAmountColumns == 1 => Free("annual_value"),
            _ => null,
        };
    }

    /// <summary>The untaken field a column is nearest to, by name or — when the name is no help — by its values.</summary>
    private static string? Nearest(ImportKind kind, string header, ColumnProfile profile, IReadOnlySet<string> taken, bool unclear)
    {
        var normalized = ColumnSynonyms.Normalize(header);
        if (normalized.Length == 0)
            return null;
        string? best = null;
        var bestScore = 0.0;
        foreach (var (field, names) in ColumnSynonyms.Fields[kind])
        {
            if (taken.Contains(field) || field is "id" or "probability_fraction")
                continue;
            foreach (var name in names)
            {
                var score = Similarity(normalized, name);
                if (score > bestScore)
                    (best, bestScore) = (field, score);
            }
        }
        if (bestScore >= 0.75)
            return best;
        // Values suggest a field only for a name that says nothing: "Last Modified Date" is not a close date.
        if (unclear && profile.Mostly(profile.Dates))
            return DateFields(kind).FirstOrDefault(f => !taken.Contains(f));
        return null;
    }

    private static string[] DateFields(ImportKind kind) => kind switch
    {
        ImportKind.Opportunities => ["created_date", "close_date"],
        ImportKind.Accounts => ["created_date"],
        ImportKind.Contracts => ["start_date", "end_date"],
        ImportKind.Activities => ["date"],
        ImportKind.Reps => ["quota_start", "quota_end"],
        _ => [],
    };

    /// <summary>1 for the same name, 0.5–1 when one contains the other (by how much of it), else how little editing one needs to become the other.</summary>
    private static double Similarity(string a, string b)
    {
        if (a == b)
            return 1;
        var shorter = Math.Min(a.Length, b.Length);
        var longer = Math.Max(a.Length, b.Length);
        if (shorter >= 4 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal)))
            return 0.5 + 0.5 * shorter / longer;
        var distance = Core.Text.EditDistance.Capped(a, b, longer);
        return 1 - (double)distance / longer;
    }
}

/// <summary>The people (sellers and their managers) and companies an import names, normalised.</summary>
internal sealed record Known(IReadOnlySet<string> People, IReadOnlySet<string> Companies);

/// <summary>Which fields a file must have to be read as a kind at all.</summary>
internal static class KindRules
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

    public static bool Satisfied(ImportKind kind, IReadOnlySet<string> fields) =>
        Required[kind].Any(alternative => alternative.All(fields.Contains));
}
