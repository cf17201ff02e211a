using System.Runtime.CompilerServices;
using System.Text;
using AeBot.Core.Accounts;
using AeBot.Core.Sales;
using FuzzySharp;

namespace AeBot.Core.Understanding.Thai;

/// <summary>
/// Names in Thai text, where words run together: a Thai-script name found inside a run ("สยามเทค" in
/// "โทรหาสยามเทควันนี้", and so "บริษัท สยามเทค จำกัด"), and a Latin-script name the rep spelt in Thai (แอคมี = Acme,
/// ดาน่า = Dana, ปรียา = Priya). A spelling is compared by its consonants, Thai and Latin each mapped onto the same
/// sound classes (an RTGS-like table: ค/ก/c/k/g → K, ด/ต/ท/d/t → T, บ/ป/พ/b/p → P …), on whole ICU words that are not
/// AeBot's own Thai words; several names fitting the same spelling are all returned, so the caller asks which.
/// </summary>
public static class ThaiNames
{
    private static readonly ThaiWordBreaker Breaker = new();
    private static readonly ConditionalWeakTable<NameIndex, Dictionary<string, List<(NamedRef Name, string Latin)>>> Skeletons = new();

    /// <summary>Thai-script names whose folded form (without บริษัท…จำกัด) is inside the text.</summary>
    public static IReadOnlyList<EntityMatch> FindThaiScript(string text, NameIndex index)
    {
        if (index.ThaiKeys.Count == 0 || !ThaiScript.Contains(text))
            return [];
        // The text folded the way names are, with where each folded letter came from.
        var folded = new StringBuilder();
        var from = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var key = NameNormalizer.Normalize(text[i].ToString());
            if (key.Length == 0 && !(ThaiScript.IsThai(text[i]) && !char.IsWhiteSpace(text[i])))
                continue;
            foreach (var c in key.Length > 0 ? key : text[i].ToString())
            {
                folded.Append(c);
                from.Add(i);
            }
        }
        var all = folded.ToString();
        var found = new List<EntityMatch>();
        foreach (var key in index.ThaiKeys)
        {
            var at = all.IndexOf(key, StringComparison.Ordinal);
            if (at < 0 || !index.Full.TryGetValue(key, out var entities))
                continue;
            var start = from[at];
            var end = from[at + key.Length - 1] + 1;
            foreach (var entity in entities)
                found.Add(new EntityMatch(entity, 100, text[start..end]));
        }
        return found;
    }

    /// <summary>Latin-script names spelt in Thai; each with the Thai words that spelt it and how alike they sound (0–100).</summary>
    public static IReadOnlyList<EntityMatch> FindTransliterated(string text, NameIndex index, bool firstNames)
    {
        if (!ThaiScript.Contains(text) || index.Names.Count == 0)
            return [];
        var table = Skeletons.GetValue(index, Build);
        var found = new Dictionary<long, EntityMatch>();
        var repaired = ThaiScript.Repair(text);
        var i = 0;
        while (i < repaired.Length)
        {
            if (!ThaiScript.IsThai(repaired[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < repaired.Length && ThaiScript.IsThai(repaired[i]))
                i++;
            var run = repaired[start..i];
            var segments = Segments(run);
            for (var a = 0; a < segments.Count; a++)
            {
                // A name starts at a word AeBot doesn't know and runs on over at most a short known word ("แอค|มี"):
                // never across AeBot's own words, so "ปิดได้เท่าไหร่" is read as what it says.
                if (segments[a].Known)
                    continue;
                var piece = "";
                for (var b = a; b < segments.Count && b < a + 4; b++)
                {
                    if (segments[b].Known && segments[b].Text.Length > 2)
                        break;
                    piece += segments[b].Text;
                    if (piece.Length < 2 || piece.Length > 16)
                        continue;
                    var skeleton = Skeleton(piece, thai: true);
                    if (skeleton.Length == 0 || !table.TryGetValue(skeleton, out var names))
                        continue;
                    var roman = Plain(Romanise(piece));
                    var vowel = FirstThaiVowel(piece);
                    var silentStart = StartsWithSilentConsonant(piece);
                    foreach (var (name, latin) in names)
                    {
                        if (!firstNames && latin != Letters(name.Name) && latin.Length < 4)
                            continue;
                        // A name that starts with a vowel is spelt in Thai from อ (แอคมี, อัมเบรลล่า, โอมาร์): ร้อน ("hot")
                        // is not Orion, though both are "RN".
                        if (latin.Length > 0 && latin[0] is 'a' or 'e' or 'i' or 'o' or 'u' && !silentStart)
                            continue;
                        // The first vowel must sound alike too: ดอง is not Dana, though both are "TN".
                        if (vowel is not null && !Alike(vowel, FirstLatinVowel(latin)))
                            continue;
                        var similar = Fuzz.Ratio(roman, latin);
                        if (similar < (skeleton.Length == 1 ? 75 : 40))
                            continue;
                        var match = new EntityMatch(name, similar, text.Contains(piece, StringComparison.Ordinal) ? piece : run);
                        if (!found.TryGetValue(name.Id, out var had) || had.Matched.Length < piece.Length)
                            found[name.Id] = match;
                    }
                }
            }
        }
        return found.Values.ToList();
    }

    /// <summary>A run of Thai cut as <see cref="ThaiReader"/> cuts it: AeBot's words longest first, ICU's word breaks for the rest.</summary>
    private static List<(string Text, bool Known)> Segments(string run)
    {
        var breaks = new SortedSet<int>();
        var at = 0;
        foreach (var word in Breaker.Words(run))
            breaks.Add(at += word.Length);
        var segments = new List<(string, bool)>();
        var i = 0;
        while (i < run.Length)
        {
            var length = Math.Min(LongestEntry, run.Length - i);
            while (length > 0 && (!ThaiLexicon.Entries.ContainsKey(run.Substring(i, length)) || ThaiScript.MidSyllable(run, i + length)))
                length--;
            if (length > 0)
            {
                segments.Add((run.Substring(i, length), true));
                i += length;
                continue;
            }
            var end = breaks.FirstOrDefault(b => b > i, run.Length);
            segments.Add((run[i..end], false));
            i = end;
        }
        return segments;
    }

    private static readonly int LongestEntry = ThaiLexicon.Entries.Keys.Max(k => k.Length);

    /// <summary>A Thai spelling in Latin letters, roughly as RTGS writes it (for comparing with a name, not for showing).</summary>
    public static string Romanise(string thai)
    {
        var sb = new StringBuilder();
        var chars = thai.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            // เ แ โ ใ ไ are written before the consonant they follow in speech.
            if (c is 'เ' or 'แ' or 'โ' or 'ใ' or 'ไ' && i + 1 < chars.Length && IsConsonant(chars[i + 1]))
            {
                sb.Append(Consonant(chars[i + 1], sb.Length == 0));
                sb.Append(Vowel(c));
                i++;
                continue;
            }
            sb.Append(IsConsonant(c) ? Consonant(c, sb.Length == 0) : Vowel(c));
        }
        return sb.ToString();
    }

    /// <summary>The consonant classes of a spelling, Thai or Latin, with repeats folded: "Acme" and "แอคมี" are both "KM".</summary>
    public static string Skeleton(string word, bool thai)
    {
        var sb = new StringBuilder();
        void Add(char k)
        {
            if (sb.Length == 0 || sb[^1] != k)
                sb.Append(k);
        }
        if (thai)
        {
            foreach (var c in word)
                if (ThaiClass(c) is { } k)
                    Add(k);
            return sb.ToString();
        }
        var w = word.ToLowerInvariant();
        for (var i = 0; i < w.Length; i++)
        {
            var c = w[i];
            var next = i + 1 < w.Length ? w[i + 1] : '\0';
            var after = i + 2 < w.Length ? w[i + 2] : '\0';
            switch (c)
            {
                case 'c' when next == 'h':
                    Add(after is 'l' or 'r' ? 'K' : 'C');
                    i++;
                    break;
                case 's' when next == 'h':
                    Add('C');
                    i++;
                    break;
                case 't' when next == 'h':
                    Add('T');
                    i++;
                    break;
                case 'p' when next == 'h':
                    Add('F');
                    i++;
                    break;
                case 'c' when next == 'k':
                    Add('K');
                    i++;
                    break;
                case 'n' when next == 'g':
                    Add('N');
                    i++;
                    break;
                case 'q':
                    Add('K');
                    if (next == 'u')
                        i++;
                    break;
                case 'x':
                    Add('K');
                    Add('S');
                    break;
                case 'c':
                    Add(next is 'e' or 'i' or 'y' ? 'S' : 'K');
                    break;
                case 'g' or 'k':
                    Add('K');
                    break;
                case 'j':
                    Add('C');
                    break;
                case 'z' or 's':
                    Add('S');
                    break;
                case 'd' or 't':
                    Add('T');
                    break;
                case 'b' or 'p':
                    Add('P');
                    break;
                case 'f' or 'v':
                    Add('F');
                    break;
                case 'l' or 'r' or 'm' or 'n':
                    Add(char.ToUpperInvariant(c));
                    break;
            }
        }
        return sb.ToString();
    }

    private static Dictionary<string, List<(NamedRef, string)>> Build(NameIndex index)
    {
        var table = new Dictionary<string, List<(NamedRef, string)>>(StringComparer.Ordinal);
        void Add(NamedRef name, string latin)
        {
            if (latin.Length < 2)
                return;
            var skeleton = Skeleton(latin, thai: false);
            if (skeleton.Length == 0)
                return;
            if (!table.TryGetValue(skeleton, out var list))
                table[skeleton] = list = [];
            if (!list.Any(x => x.Item1.Id == name.Id && x.Item2 == latin))
                list.Add((name, latin));
        }
        foreach (var name in index.Names)
        {
            if (ThaiScript.Contains(name.Name))
                continue;
            Add(name, Letters(name.Name));
            var first = name.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (first is not null)
                Add(name, Letters(first));
        }
        return table;
    }

    /// <summary>RTGS's aspirates as English writes them: "kh" → "k", "th" → "t", "ph" → "p".</summary>
    private static string Plain(string roman) => roman.Replace("kh", "k", StringComparison.Ordinal).Replace("th", "t", StringComparison.Ordinal).Replace("ph", "p", StringComparison.Ordinal);

    /// <summary>Starts with the silent consonant อ, after any vowel written before it (เอ, แอ, โอ, ไอ).</summary>
    private static bool StartsWithSilentConsonant(string thai)
    {
        var i = 0;
        while (i < thai.Length && thai[i] is 'เ' or 'แ' or 'โ' or 'ใ' or 'ไ')
            i++;
        return i < thai.Length && thai[i] == 'อ';
    }

    private static string? FirstThaiVowel(string thai)
    {
        for (var i = 0; i < thai.Length; i++)
        {
            var c = thai[i];
            switch (c)
            {
                case 'เ': return i + 2 < thai.Length && thai[i + 2] == 'ี' ? "i" : "e";
                case 'แ': return "ae";
                case 'โ': return "o";
                case 'ใ' or 'ไ': return "ai";
                case 'ั' or 'า' or 'ะ' or 'ำ': return "a";
                case 'ิ' or 'ี': return "i";
                case 'ึ' or 'ื': return "ue";
                case 'ุ' or 'ู': return "u";
                case 'อ' when i > 0: return "o";
            }
        }
        return null;
    }

    private static char FirstLatinVowel(string latin)
    {
        foreach (var c in latin)
            if (c is 'a' or 'e' or 'i' or 'o' or 'u')
                return c;
        return latin.Contains('y', StringComparison.Ordinal) ? 'i' : '\0';
    }

    private static bool Alike(string thai, char latin) => thai switch
    {
        "a" => latin is 'a' or 'u' or 'o',
        "ae" => latin is 'a' or 'e',
        "e" => latin is 'e' or 'a',
        "i" => latin is 'i' or 'e',
        "o" => latin is 'o' or 'u',
        "u" => latin is 'u' or 'o',
        "ai" => latin is 'i' or 'a',
        _ => true,
    };

    private static string Letters(string name) => new(name.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z').ToArray());

    private static bool IsConsonant(char c) => c is >= 'ก' and <= 'ฮ' && c != 'ฤ' && c != 'ฦ';

    private static char? ThaiClass(char c) => c switch
    {
        'ก' or 'ข' or 'ฃ' or 'ค' or 'ฅ' or 'ฆ' => 'K',
        'จ' or 'ฉ' or 'ช' or 'ฌ' => 'C',
        'ซ' or 'ศ' or 'ษ' or 'ส' => 'S',
        'ด' or 'ต' or 'ถ' or 'ท' or 'ธ' or 'ฎ' or 'ฏ' or 'ฐ' or 'ฑ' or 'ฒ' => 'T',
        'บ' or 'ป' or 'ผ' or 'พ' or 'ภ' => 'P',
        'ฝ' or 'ฟ' => 'F',
        'ม' => 'M',
        'น' or 'ณ' or 'ง' => 'N',
        'ล' or 'ฬ' => 'L',
        'ร' => 'R',
        _ => null,
    };

    private static string Consonant(char c, bool first) => c switch
    {
        'ก' => "k", 'ข' or 'ฃ' or 'ค' or 'ฅ' or 'ฆ' => "kh", 'ง' => "ng", 'จ' or 'ฉ' or 'ช' or 'ฌ' => "ch", 'ซ' or 'ศ' or 'ษ' or 'ส' => "s",
        'ญ' or 'ย' => "y", 'ด' or 'ฎ' => "d", 'ต' or 'ฏ' => "t", 'ถ' or 'ท' or 'ธ' or 'ฐ' or 'ฑ' or 'ฒ' => "th", 'น' or 'ณ' => "n",
        'บ' => "b", 'ป' => "p", 'ผ' or 'พ' or 'ภ' => "ph", 'ฝ' or 'ฟ' => "f", 'ม' => "m", 'ร' => "r", 'ล' or 'ฬ' => "l", 'ว' => "w",
        'ห' or 'ฮ' => "h", 'อ' => first ? "" : "o",
        _ => "",
    };

    private static string Vowel(char c) => c switch
    {
        'ะ' or 'ั' or 'า' => "a", 'ำ' => "am", 'ิ' or 'ี' => "i", 'ึ' or 'ื' => "ue", 'ุ' or 'ู' => "u", 'เ' => "e", 'แ' => "ae", 'โ' => "o",
        'ใ' or 'ไ' => "ai", 'ฤ' => "rue",
        _ => "",
    };
}
