using System.Text;
using AeBot.Data.Import;

namespace AeBot.Data.Tests.Import;

public sealed class CsvFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("aebot-csv-");

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Utf8_bom_is_skipped_and_header_read()
    {
        var path = Write("bom.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("Name,Amount\nAcme,5\n")]);
        var file = CsvFile.TryOpen(path, null, out var problem);
        Assert.Null(problem);
        Assert.Equal(["Name", "Amount"], file!.Header);
    }

    [Theory]
    [InlineData("Name;Amount;Stage\nA;1;Open\n", ';')]
    [InlineData("Name\tAmount\tStage\nA\t1\tOpen\n", '\t')]
    [InlineData("\"Name, full\",Amount\nA,1\n", ',')]
    public void Delimiter_is_sniffed_from_the_header(string text, char expected)
    {
        var file = CsvFile.TryOpen(Write("d.csv", text), null, out _);
        Assert.Equal(expected, file!.Delimiter);
    }

    [Fact]
    public void Binary_file_is_refused_with_a_clear_reason()
    {
        var path = Write("deals.csv", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]); // a zip (xlsx) renamed
        Assert.Null(CsvFile.TryOpen(path, null, out var problem));
        Assert.Contains("not a text file", problem);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        Assert.Null(CsvFile.TryOpen(Write("e.csv", ""), null, out var problem));
        Assert.Equal("is empty", problem);
        Assert.Null(CsvFile.TryOpen(Write("w.csv", "  \n\n"), null, out problem));
        Assert.Equal("is empty", problem);
    }

    [Fact]
    public void Header_without_rows_is_refused()
    {
        Assert.Null(CsvFile.TryOpen(Write("h.csv", "Name,Stage,Amount\n"), null, out var problem));
        Assert.Equal("has a header but no data rows", problem);
    }

    [Fact]
    public void Wrong_delimiter_is_explained()
    {
        Assert.Null(CsvFile.TryOpen(Write("s.csv", "Name;Stage;Amount\nA;Open;1\n"), ',', out var problem));
        Assert.Contains("separated by ';'", problem);
    }

    [Fact]
    public void Missing_file_and_folder_are_told_apart()
    {
        Assert.Null(CsvFile.TryOpen(Path.Combine(_dir.FullName, "nope.csv"), null, out var problem));
        Assert.Equal("does not exist", problem);
        Assert.Null(CsvFile.TryOpen(_dir.FullName, null, out problem));
        Assert.Equal("is a folder, not a file", problem);
    }

    [Fact]
    public void Latin1_export_reads_accented_names()
    {
        var path = Write("l.csv", Encoding.Latin1.GetBytes("Name,City\nJosé Müller,Zürich\n"));
        var file = CsvFile.TryOpen(path, null, out _);
        using var reader = new CsvReader(file!.OpenText(), file.Delimiter);
        var fields = new List<string>();
        reader.TryRead(fields, out _);
        reader.TryRead(fields, out _);
        Assert.Equal("José Müller", fields[0]);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
