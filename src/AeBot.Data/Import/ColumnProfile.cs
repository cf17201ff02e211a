using System.Globalization;

namespace AeBot.Data.Import;

/// <summary>
/// What a column's values look like, from the first rows of a file (#16): how many parse as dates, amounts,
/// percentages, e-mails, stage names, countries or regions, and which distinct values it holds — so a column whose
/// name says nothing can still be read the way a person reads it, by looking at it.
/// </summary>
internal sealed partial class ColumnProfile
{
    /// <summary>Enough rows to see a column's shape; small enough that a million-row file pays nothing for it.</summary>
    public const int SampleRows = 200;

    private const int MaxDistinct = 500;

    private readonly HashSet<string> _values = new(StringComparer.Ordinal);

    public int NonEmpty { get; private set; }

    /// <summary>Dates such as 18/12/2026 (only day first) and 12/18/2026 (only month first), and the first of each.</summary>
    public int DayFirst { get; private set; }
    public int MonthFirst { get; private set; }
    public string? DayFirstExample { get; private set; }
    public string? MonthFirstExample { get; private set; }
    public int Dates { get; private set; }
    public int Amounts { get; private set; }
    public int Percents { get; private set; }
    public int Emails { get; private set; }
    public int Stages { get; private set; }
    public int Countries { get; private set; }
    public int Regions { get; private set; }

    /// <summary>Values that look like a person's name: two or three capitalised words, no digits, no job-title word.</summary>
    public int PersonShaped { get; private set; }

    /// <summary>Values that read as a job title: "Account Executive", "Sales Director", "VP Sales".</summary>
    public int Titles { get; private set; }

    /// <summary>The first few values, to show in a preview.</summary>
    public List<string> Examples { get; } = [];

    /// <summary>Distinct values, normalised (at most 500).</summary>
    public IReadOnlySet<string> Values => _values;

    public int Distinct => _values.Count;

    /// <summary>True when at least 80 % of the non-empty values are of the kind counted by <paramref name="count"/>.</summary>
    public bool Mostly(int count) => NonEmpty > 0 && count * 5 >= NonEmpty * 4;

    /// <summary>How many of this column's distinct values are in <paramref name="known"/>.</summary>
    public int Overlap(IReadOnlySet<string> known) => known.Count == 0 ? 0 : _values.Count(known.Contains);

    /// <summary>True when most distinct values (and at least two) are among <paramref name="known"/>.</summary>
    public bool MostlyAmong(IReadOnlySet<string> known)
    {
        var overlap = Overlap(known);
        return overlap >= 2 && overlap * 5 >= Distinct * 4;
    }

    /// <summary>A handful of values repeated across rows: a category such as a region, a team or a type.</summary>
    public bool IsCategory => NonEmpty >= 3 && Distinct <= Math.Max(2, NonEmpty / 2) && Distinct <= 30;

    public void Add(string raw, DateOrder order, bool commaDecimal)
    {
        var value = raw.Trim();
        if (value.Length == 0)
            return;
        NonEmpty++;
        if (Examples.Count < 3 && !Examples.Contains(value))
            Examples.Add(value);
        var key = ColumnSynonyms.Normalize(value);
        if (_values.Count < MaxDistinct)
            _values.Add(key);

        if (NumericDate().Match(value) is { Success: true } numeric)
        {
            var first = int.Parse(numeric.Groups[1].Value, CultureInfo.InvariantCulture);
            var second = int.Parse(numeric.Groups[2].Value, CultureInfo.InvariantCulture);
            if (first > 12 && second <= 12)
            {
                DayFirst++;
                DayFirstExample ??= value;
            }
            else if (second > 12 && first <= 12)
            {
                MonthFirst++;
                MonthFirstExample ??= value;
            }
        }

        if (value.Contains('@') && value.IndexOf('@') > 0 && value.LastIndexOf('.') > value.IndexOf('@'))
            Emails++;
        else if (value.EndsWith('%') && ValueParsers.TryParsePercent(value, false, out _))
            Percents++;
        else if (ValueParsers.TryParseDate(value, order, out _))
            Dates++;
        else if (ValueParsers.TryParseMoney(value, commaDecimal, out _, out _))
            Amounts++;
        else if (Vocabulary.IsCountry(key))
            Countries++;
        else if (Vocabulary.IsRegion(key))
            Regions++;
        if (Vocabulary.IsStage(key))
            Stages++;
        var isTitle = Vocabulary.IsTitle(value);
        if (isTitle)
            Titles++;
        else if (LooksLikePersonName(value))
            PersonShaped++;
    }

    private static bool LooksLikePersonName(string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is 2 or 3
            && words.All(w => char.IsUpper(w[0]) && w.All(c => char.IsLetter(c) || c is '-' or '\'' or '.'));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}(\s|$)")]
    private static partial System.Text.RegularExpressions.Regex NumericDate();

    /// <summary>
    /// The order a file writes its dates in, when its own values settle it: a 18/12/2026 anywhere (and no 12/18/2026)
    /// means day first. Null when they don't (no such date, or both kinds — then the configured order holds).
    /// </summary>
    public static (DateOrder Order, string Example)? DateOrderOf(IEnumerable<ColumnProfile> profiles)
    {
        // Only columns of dates count: a code such as "3-14-100" in another column says nothing about dates.
        var list = profiles.Where(p => p.Mostly(p.Dates)).ToList();
        var dayFirst = list.FirstOrDefault(p => p.DayFirst > 0);
        var monthFirst = list.FirstOrDefault(p => p.MonthFirst > 0);
        return (dayFirst, monthFirst) switch
        {
            ({ } d, null) => (DateOrder.DayMonthYear, d.DayFirstExample!),
            (null, { } m) => (DateOrder.MonthDayYear, m.MonthFirstExample!),
            _ => null,
        };
    }

    /// <summary>Profiles of every column of <paramref name="file"/>, from its first <see cref="SampleRows"/> rows.</summary>
    public static ColumnProfile[] Sample(CsvFile file, DateOrder order)
    {
        var profiles = file.Header.Select(_ => new ColumnProfile()).ToArray();
        using var reader = new CsvReader(file.OpenText(), file.Delimiter);
        var fields = new List<string>();
        for (var skip = 0; skip <= file.PreambleRecords; skip++)
            reader.TryRead(fields, out _);
        var rows = 0;
        while (rows < SampleRows && reader.TryRead(fields, out _))
        {
            // A report's one-value title or footer line is not a record (as the import skips it).
            if (fields.Count == 1 && profiles.Length >= 3)
                continue;
            rows++;
            for (var i = 0; i < profiles.Length && i < fields.Count; i++)
                profiles[i].Add(fields[i], order, file.Delimiter == ';');
        }
        return profiles;
    }

    /// <summary>Values that say what they are: stage names, countries, regions.</summary>
    private static class Vocabulary
    {
        private static readonly HashSet<string> StageNames = StageClassifier.WellKnownStages
            .Concat(StageClassifier.DefaultWon).Concat(StageClassifier.DefaultLost)
            .Concat(["Qualified", "Closed", "Open", "New", "Negotiation Review", "Proposal Sent", "Contract Negotiation", "Verbal", "Commit", "Engaging", "Lead In", "Contact Made", "Demo Scheduled", "Proposal Made", "Negotiations Started"])
            .Select(ColumnSynonyms.Normalize).ToHashSet(StringComparer.Ordinal);

        private static readonly HashSet<string> RegionNames =
            ["north", "south", "east", "west", "central", "northeast", "northwest", "southeast", "southwest", "midwest", "emea", "apac", "amer",
             "americas", "latam", "nam", "northamerica", "southamerica", "europe", "asia", "asiapacific", "anz", "dach", "nordics", "benelux",
             "uki", "mea", "eastcoast", "westcoast", "midatlantic", "pacific", "mountain", "international", "global"];

        private static readonly HashSet<string> CountryNames = BuildCountries();

        public static bool IsStage(string key) => StageNames.Contains(key);

        public static bool IsRegion(string key) => RegionNames.Contains(key);

        public static bool IsCountry(string key) => CountryNames.Contains(key);

        private static readonly HashSet<string> TitleWords =
            ["executive", "manager", "director", "representative", "rep", "engineer", "specialist", "officer", "president", "vp",
             "head", "sdr", "bdr", "ae", "associate", "analyst", "consultant", "administrator", "admin", "coordinator", "chief",
             "ceo", "cro", "cfo", "coo", "founder", "partner", "intern", "lead", "senior", "junior", "principal", "strategist"];

        public static bool IsTitle(string value) =>
            value.Split([' ', '-', ',', '/', '.'], StringSplitOptions.RemoveEmptyEntries).Any(w => TitleWords.Contains(w.ToLowerInvariant()));

        private static HashSet<string> BuildCountries()
        {
            var names = new HashSet<string>(StringComparer.Ordinal)
            {
                "usa", "us", "unitedstatesofamerica", "uk", "greatbritain", "england", "scotland", "wales", "holland", "korea", "southkorea", "uae",
            };
            foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
            {
                try
                {
                    var region = new RegionInfo(culture.Name);
                    names.Add(ColumnSynonyms.Normalize(region.EnglishName));
                    names.Add(ColumnSynonyms.Normalize(region.ThreeLetterISORegionName));
                }
                catch (ArgumentException)
                {
                    // A culture without a region of its own ("en-001"): nothing to add.
                }
            }
            return names;
        }
    }
}
