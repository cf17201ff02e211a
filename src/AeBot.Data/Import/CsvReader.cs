using System.Text;

namespace AeBot.Data.Import;

/// <summary>
/// A streaming RFC 4180 reader: any single-character delimiter, quoted fields with doubled quotes and embedded
/// line breaks, CRLF / LF / CR line ends. It never throws on malformed text: a stray quote inside an unquoted
/// field is kept as a character (as Excel does), and an unterminated quote is reported on the record so the
/// importer can reject that row with its line number.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _length;
    private int _pos;
    private int _line = 1;
    private bool _eof;

    public CsvReader(TextReader reader, char delimiter)
    {
        _reader = reader;
        _delimiter = delimiter;
    }

    /// <summary>Physical line on which the next record starts (1-based).</summary>
    public int Line => _line;

    /// <summary>
    /// Reads the next record into <paramref name="fields"/>. Returns false at the end of the input.
    /// Blank lines are skipped.
    /// </summary>
    public bool TryRead(List<string> fields, out CsvRecordInfo info)
    {
        fields.Clear();
        while (true)
        {
            if (!EnsureData())
            {
                info = default;
                return false;
            }
            var c = _buffer[_pos];
            if (c is '\r' or '\n')
            {
                ConsumeLineEnd(c);
                continue;
            }
            break;
        }

        var startLine = _line;
        var unterminated = false;
        while (true)
        {
            var (endOfRecord, fieldUnterminated) = ReadField(out var value);
            fields.Add(value);
            unterminated |= fieldUnterminated;
            if (endOfRecord)
                break;
        }
        info = new CsvRecordInfo(startLine, unterminated);
        return true;
    }

    private (bool EndOfRecord, bool Unterminated) ReadField(out string value)
    {
        _field.Clear();
        if (!EnsureData())
        {
            value = "";
            return (true, false);
        }

        if (_buffer[_pos] == '"')
        {
            _pos++;
            while (true)
            {
                if (!EnsureData())
                {
                    value = _field.ToString();
                    return (true, true);
                }
                var c = _buffer[_pos];
                if (c == '"')
                {
                    _pos++;
                    if (EnsureData() && _buffer[_pos] == '"')
                    {
                        _field.Append('"');
                        _pos++;
                        continue;
                    }
                    break; // closing quote
                }
                if (c is '\r' or '\n')
                {
                    ConsumeLineEnd(c);
                    _field.Append('\n');
                    continue;
                }
                AppendRun(stopAtQuote: true);
            }
            // Text after the closing quote up to the delimiter ("abc"def) is kept, as spreadsheets do.
        }

        while (true)
        {
            if (!EnsureData())
            {
                value = _field.ToString();
                return (true, false);
            }
            var c = _buffer[_pos];
            if (c == _delimiter)
            {
                _pos++;
                value = _field.ToString();
                return (false, false);
            }
            if (c is '\r' or '\n')
            {
                ConsumeLineEnd(c);
                value = _field.ToString();
                return (true, false);
            }
            AppendRun(stopAtQuote: false);
        }
    }

    // Copies characters up to the next special character in one go: most fields have none.
    private void AppendRun(bool stopAtQuote)
    {
        var start = _pos;
        while (_pos < _length)
        {
            var c = _buffer[_pos];
            if (c is '\r' or '\n' || (stopAtQuote ? c == '"' : c == _delimiter))
                break;
            _pos++;
        }
        if (_pos == start)
        {
            _field.Append(_buffer[_pos]);
            _pos++;
            return;
        }
        _field.Append(_buffer, start, _pos - start);
    }

    private void ConsumeLineEnd(char c)
    {
        _pos++;
        if (c == '\r' && EnsureData() && _buffer[_pos] == '\n')
            _pos++;
        _line++;
    }

    private bool EnsureData()
    {
        if (_pos < _length)
            return true;
        if (_eof)
            return false;
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        if (_length == 0)
        {
            _eof = true;
            return false;
        }
        return true;
    }

    public void Dispose() => _reader.Dispose();
}

/// <summary>The physical line a record starts on, and whether it ended inside an open quote.</summary>
public readonly record struct CsvRecordInfo(int FirstLine, bool UnterminatedQuote);
