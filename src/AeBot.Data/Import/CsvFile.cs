using System.Text;

namespace AeBot.Data.Import;

/// <summary>
/// Opens a CRM export and checks it is a readable CSV before anything touches the database: exists, is text,
/// is not empty, has a header and at least one data row. Works out the encoding (UTF-8 with or without BOM,
/// UTF-16 with BOM, else Latin-1) and the delimiter (comma, semicolon, tab or pipe) unless one is given.
/// </summary>
public sealed class CsvFile
{
    private const int SampleBytes = 64 * 1024;
    private static readonly char[] CandidateDelimiters = [',', ';', '\t', '|'];

    private CsvFile(string path, Encoding encoding, char delimiter, IReadOnlyList<string> header, long length, int preambleRecords)
    {
        PreambleRecords = preambleRecords;
        Path = path;
        Encoding = encoding;
        Delimiter = delimiter;
        Header = header;
        Length = length;
    }

    public string Path { get; }
    public Encoding Encoding { get; }
    public char Delimiter { get; }
    public IReadOnlyList<string> Header { get; }
    public long Length { get; }

    /// <summary>Comment lines before the header ("# Exported from …"), skipped by every reader of the file.</summary>
    public int PreambleRecords { get; }

    /// <summary>Checks the file; returns null and a reason a person can act on when it cannot be imported.</summary>
    public static CsvFile? TryOpen(string path, char? delimiter, out string? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            problem = Directory.Exists(path) ? "is a folder, not a file" : "does not exist";
            return null;
        }

        byte[] sample;
        long length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            length = stream.Length;
            sample = new byte[(int)Math.Min(SampleBytes, length)];
            stream.ReadExactly(sample);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read: {e.Message}";
            return null;
        }

        var encoding = DetectEncoding(sample, out var bomLength);
        if (encoding is null)
        {
            problem = "is not a text file (it contains binary data); export the data as CSV";
            return null;
        }
        var text = encoding.GetString(sample, bomLength, sample.Length - bomLength);
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "is empty";
            return null;
        }

        // Comment lines (and blank lines, which the reader skips too) before the header.
        var preamble = 0;
        text = text.TrimStart('\r', '\n');
        while (IsComment(FirstLine(text)) is var comment && comment > 0 && comment < text.Length)
        {
            text = text[comment..].TrimStart('\r', '\n');
            preamble++;
        }
        var headerLine = FirstLineOutsideQuotes(text);
        var chosen = delimiter ?? SniffDelimiter(headerLine);
        List<string> header = [];
        var records = 0;
        using (var reader = new CsvReader(Open(path, encoding), chosen))
        {
            var fields = new List<string>();
            for (var skip = 0; skip < preamble; skip++)
                reader.TryRead(fields, out _);
            while (records < 2 && reader.TryRead(fields, out _))
            {
                if (records == 0)
                    header = fields.Select(f => f.Trim()).ToList();
                records++;
            }
        }

        if (header.Count < 2)
        {
            var other = CandidateDelimiters.FirstOrDefault(d => d != chosen && headerLine.Contains(d));
            problem = other != default
                ? $"has a single column with the delimiter '{Show(chosen)}'; the header looks separated by '{Show(other)}' — check the delimiter"
                : "has only one column; a CRM export has several, separated by commas or semicolons";
            return null;
        }
        if (records < 2)
        {
            problem = "has a header but no data rows";
            return null;
        }
        return new CsvFile(path, encoding, chosen, header, length, preamble);
    }

    /// <summary>
    /// A line starting with "#" and holding no delimiter is a comment before the header (a note on where an
    /// export came from); a header that starts with "#" ("#,Name,…" or "# of seats;…") has delimiters and is kept.
    /// Returns the length of the line with its line end, or 0 when it is not a comment.
    /// </summary>
    /// <summary>The text up to the first line end, quotes or not: a comment's quote marks are plain characters.</summary>
    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static int IsComment(string line)
    {
        if (!line.StartsWith('#') || line.IndexOfAny(CandidateDelimiters) >= 0)
            return 0;
        return line.Length;
    }

    /// <summary>A reader positioned at the start of the file (the BOM, if any, skipped).</summary>
    public TextReader OpenText() => Open(Path, Encoding);

    private static StreamReader Open(string path, Encoding encoding) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan),
            encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    private static string Show(char c) => c == '\t' ? "tab" : c.ToString();

    internal static Encoding? DetectEncoding(ReadOnlySpan<byte> sample, out int bomLength)
    {
        bomLength = 0;
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength = 3;
            return new UTF8Encoding(false);
        }
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            bomLength = 2;
            return Encoding.Unicode;
        }
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bomLength = 2;
            return Encoding.BigEndianUnicode;
        }
        if (sample.IndexOf((byte)0) >= 0)
            return null; // NUL bytes: a spreadsheet, archive or image, not delimited text

        // Control characters other than tab and line ends are a sign of binary content.
        var control = 0;
        foreach (var b in sample)
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C))
                control++;
        if (sample.Length > 0 && control * 100 > sample.Length)
            return null;

        var strictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        // The sample may end in the middle of a multi-byte character: allow up to 3 trailing bytes to be cut off.
        for (var cut = 0; cut <= Math.Min(3, sample.Length); cut++)
        {
            try
            {
                strictUtf8.GetCharCount(sample[..^cut]);
                return new UTF8Encoding(false);
            }
            catch (DecoderFallbackException)
            {
            }
        }
        // Older Excel exports are Windows-1252; Latin-1 reads the letters people actually use in names.
        return Encoding.Latin1;
    }

    private static string FirstLineOutsideQuotes(string text)
    {
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
                inQuotes = !inQuotes;
            else if (!inQuotes && c is '\r' or '\n')
                return text[..i];
        }
        return text;
    }

    internal static char SniffDelimiter(string headerLine)
    {
        var best = ',';
        var bestCount = 0;
        foreach (var candidate in CandidateDelimiters)
        {
            var count = 0;
            var inQuotes = false;
            foreach (var c in headerLine)
            {
                if (c == '"')
                    inQuotes = !inQuotes;
                else if (!inQuotes && c == candidate)
                    count++;
            }
            if (count > bestCount)
            {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }
}
