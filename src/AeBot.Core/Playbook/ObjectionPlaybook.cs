using System.Text.Json;
using AeBot.Core.Text;
using AeBot.Core.Understanding;
using AeBot.Core.Understanding.Thai;

namespace AeBot.Core.Playbook;

/// <summary>One objection and how to handle it.</summary>
public sealed record PlaybookEntry(string Topic, string Title, IReadOnlyList<string> Phrases, string? Meaning,
    IReadOnlyList<string> Questions, IReadOnlyList<string> Responses, IReadOnlyList<string> ProofPoints)
{
    /// <summary>
    /// The same objection as Thai buyers raise it and Thai sellers handle it: written for Thai B2B selling, not
    /// translated; its phrases are how it is said in Thai. Null when the playbook has no Thai for it.
    /// </summary>
    public PlaybookEntry? Thai { get; init; }

    /// <summary>The entry to show a reader of <paramref name="language"/>: its Thai when it has one, else itself.</summary>
    public PlaybookEntry In(ReplyLanguage language) => language.IsThai && Thai is { } thai ? thai : this;
}

/// <summary>
/// The objection playbook: what reps hear and how to answer it. Loaded once from a JSON file
/// (<see cref="PlaybookOptions.Path"/>) or from the default shipped with AeBot; also used to tag the objections
/// reps log, so an account brief can say "price came up twice".
/// </summary>
public sealed class ObjectionPlaybook
{
    private readonly List<(PlaybookEntry Entry, string Phrase)> _phrases;

    /// <summary>Thai phrases without spaces: Thai writes words together, so they are found inside the text, not between spaces.</summary>
    private readonly List<(PlaybookEntry Entry, string Phrase)> _thaiPhrases;

    public ObjectionPlaybook(IReadOnlyList<PlaybookEntry> entries)
    {
        if (entries.Count == 0)
            throw new InvalidDataException("The playbook has no objections.");
        Entries = entries;
        // Longest phrases first: "no budget" must win over "budget", "price" inside "pushback on price" loses to it.
        _phrases = entries.SelectMany(e => e.Phrases.Select(p => (e, Words(p))))
            .Where(p => p.Item2.Length > 0).OrderByDescending(p => p.Item2.Length).ToList();
        _thaiPhrases = entries.SelectMany(e => (e.Thai?.Phrases ?? []).Select(p => (e, Words(p).Replace(" ", "", StringComparison.Ordinal))))
            .Where(p => p.Item2.Length > 0).OrderByDescending(p => p.Item2.Length).ToList();
    }

    public IReadOnlyList<PlaybookEntry> Entries { get; }

    /// <summary>The entry the text is about, if any: a phrase contained in it, or one word off; in Thai text, a Thai phrase.</summary>
    public PlaybookEntry? Match(string text)
    {
        var normalized = " " + Words(text) + " ";
        foreach (var (entry, phrase) in _phrases)
            if (normalized.Contains(" " + phrase + " ", StringComparison.Ordinal))
                return entry;
        if (ThaiScript.Contains(normalized))
        {
            var joined = normalized.Replace(" ", "", StringComparison.Ordinal);
            foreach (var (entry, phrase) in _thaiPhrases)
                if (joined.Contains(phrase, StringComparison.Ordinal))
                    return entry;
        }
        // Typos: "too expensve", "competiton".
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var (entry, phrase) in _phrases.Where(p => !p.Phrase.Contains(' ') && p.Phrase.Length >= 6))
            if (words.Any(w => Math.Abs(w.Length - phrase.Length) <= 1 && EditDistance.Capped(w, phrase, 1) <= 1))
                return entry;
        return null;
    }

    /// <summary>Lower case, apostrophes kept inside words, punctuation to spaces; Thai vowel and tone marks kept.</summary>
    private static string Words(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var ch in TextNormalizer.Normalize(text).ToLowerInvariant())
            sb.Append(char.IsLetterOrDigit(ch) || ch == '\'' || ThaiScript.IsThai(ch) ? ch : ' ');
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('\'')).Where(w => w.Length > 0));
    }

    public static ObjectionPlaybook Load(Stream json)
    {
        var file = JsonSerializer.Deserialize<PlaybookFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new InvalidDataException("The playbook file is empty.");
        var entries = new List<PlaybookEntry>();
        foreach (var (o, i) in (file.Objections ?? []).Select((o, i) => (o, i)))
        {
            if (string.IsNullOrWhiteSpace(o.Topic) || string.IsNullOrWhiteSpace(o.Title) || o.Phrases is not { Count: > 0 })
                throw new InvalidDataException($"Playbook objection #{i + 1} needs a topic, a title and at least one phrase.");
            PlaybookEntry? thai = null;
            if (o.Th is { } th)
            {
                if (string.IsNullOrWhiteSpace(th.Title))
                    throw new InvalidDataException($"Playbook objection #{i + 1} ({o.Topic}) has Thai without a title.");
                thai = new PlaybookEntry(o.Topic, th.Title, th.Phrases ?? [], th.Meaning, th.Questions ?? [], th.Responses ?? [], th.ProofPoints ?? []);
            }
            entries.Add(new PlaybookEntry(o.Topic, o.Title, o.Phrases, o.Meaning, o.Questions ?? [], o.Responses ?? [], o.ProofPoints ?? []) { Thai = thai });
        }
        return new ObjectionPlaybook(entries);
    }

    /// <summary>The playbook shipped with AeBot: price, timing, competitor, no budget, approval, current vendor, "send info".</summary>
    public static ObjectionPlaybook Default()
    {
        using var stream = typeof(ObjectionPlaybook).Assembly.GetManifestResourceStream("AeBot.Core.Playbook.default-playbook.json")
            ?? throw new InvalidOperationException("The default playbook is missing from the assembly.");
        return Load(stream);
    }

    private sealed record PlaybookFile(List<PlaybookFileEntry>? Objections);

    private sealed record PlaybookFileEntry(string Topic, string Title, List<string>? Phrases, string? Meaning, List<string>? Questions, List<string>? Responses, List<string>? ProofPoints,
        PlaybookFileText? Th);

    /// <summary>An objection's Thai ("th"): the topic is the English entry's.</summary>
    private sealed record PlaybookFileText(string Title, List<string>? Phrases, string? Meaning, List<string>? Questions, List<string>? Responses, List<string>? ProofPoints);
}

/// <summary>Section "Playbook".</summary>
public sealed class PlaybookOptions
{
    public const string Section = "Playbook";

    /// <summary>A JSON playbook file (relative to the working directory); empty for the default shipped with AeBot.</summary>
    public string? Path { get; set; }
}
