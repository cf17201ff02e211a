using AeBot.Data.Import;

namespace AeBot.Data.Tests.Import;

public class CsvReaderTests
{
    private static List<(List<string> Fields, CsvRecordInfo Info)> ReadAll(string text, char delimiter = ',')
    {
        using var reader = new CsvReader(new StringReader(text), delimiter);
        var records = new List<(List<string>, CsvRecordInfo)>();
        var fields = new List<string>();
        while (reader.TryRead(fields, out var info))
            records.Add(([.. fields], info));
        return records;
    }

    [Fact]
    public void Quoted_fields_keep_delimiters_doubled_quotes_and_line_breaks()
    {
        var records = ReadAll("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,row,here");

        Assert.Equal(3, records.Count);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], records[1].Fields);
        Assert.Equal(2, records[1].Info.FirstLine);
        Assert.Equal(4, records[2].Info.FirstLine); // the record after a two-line value starts on line 4
    }

    [Theory]
    [InlineData("a;b\n1;2\n", ';')]
    [InlineData("a\tb\r1\t2\r", '\t')]
    [InlineData("a|b\r\n1|2", '|')]
    public void Any_delimiter_and_line_ending_works(string text, char delimiter)
    {
        var records = ReadAll(text, delimiter);
        Assert.Equal(["1", "2"], records[1].Fields);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_counted_for_line_numbers()
    {
        var records = ReadAll("a,b\n\n1,2\n\n\n3,4\n");
        Assert.Equal([3, 6], records.Skip(1).Select(r => r.Info.FirstLine));
    }

    [Fact]
    public void An_unterminated_quote_is_reported_on_its_record()
    {
        var records = ReadAll("a,b\n1,\"never closed\n2,3\n");
        Assert.True(records[1].Info.UnterminatedQuote);
        Assert.Equal(2, records[1].Info.FirstLine);
    }

    [Fact]
    public void A_stray_quote_inside_an_unquoted_value_is_kept_literally()
    {
        var records = ReadAll("a,b\n5\" screen,ok\n");
        Assert.Equal(["5\" screen", "ok"], records[1].Fields);
    }

    [Fact]
    public void Long_input_crosses_buffer_boundaries_intact()
    {
        var value = new string('x', 100_000);
        var records = ReadAll($"a,b\n\"{value}\",end\n");
        Assert.Equal(value, records[1].Fields[0]);
        Assert.Equal("end", records[1].Fields[1]);
    }
}
