using System.Text;
using AeBot.Data.Import;

namespace AeBot.Cli;

/// <summary>The truthful account of an import: every row is created, updated, unchanged, a duplicate or rejected with its line.</summary>
public static class ImportSummary
{
    private const int MaxRejectedShown = 50;

    public static string Format(ImportReport report)
    {
        var sb = new StringBuilder();
        foreach (var file in report.Files)
        {
            var name = Path.GetFileName(file.Path);
            if (file.Error is not null)
            {
                sb.AppendLine($"{name}: NOT IMPORTED — {file.Error}. The database is unchanged for this file.");
                continue;
            }
            var delimiter = file.Delimiter == '\t' ? "tab" : file.Delimiter.ToString();
            sb.AppendLine($"{name}: {file.Kind?.ToString().ToLowerInvariant()} (delimiter '{delimiter}', {file.Elapsed.TotalSeconds:0.0} s)");
            sb.AppendLine($"  rows read {file.RowsRead:N0}: created {file.Created:N0}, updated {file.Updated:N0}, unchanged {file.Unchanged:N0}, duplicates {file.Duplicates:N0}, rejected {file.Rejected.Count:N0}");
            if (file.AlsoCreated.Count > 0)
                sb.AppendLine($"  also created: {string.Join(", ", file.AlsoCreated.Select(a => $"{a.Value:N0} {a.Key}"))}");
            if (file.IgnoredColumns.Count > 0)
                sb.AppendLine($"  columns ignored: {string.Join(", ", file.IgnoredColumns)}");
            if (file.Warnings.Count > 0)
            {
                sb.AppendLine("  warnings:");
                foreach (var (warning, count) in file.Warnings)
                {
                    var lines = file.WarningLines.TryGetValue(warning, out var l) ? $": line{(l.Count > 1 ? "s" : "")} {string.Join(", ", l)}{(count > l.Count ? ", …" : "")}" : "";
                    sb.AppendLine($"    {warning} ({count:N0} row{(count == 1 ? "" : "s")}{lines})");
                }
            }
            if (file.Rejected.Count > 0)
            {
                sb.AppendLine("  rejected:");
                foreach (var rejected in file.Rejected.Take(MaxRejectedShown))
                    sb.AppendLine($"    {name}:{rejected.Line}  {rejected.Reason}");
                if (file.Rejected.Count > MaxRejectedShown)
                    sb.AppendLine($"    … and {file.Rejected.Count - MaxRejectedShown:N0} more");
            }
        }
        var imported = report.Files.Where(f => f.Error is null).ToList();
        sb.AppendLine($"Total: {report.Files.Count} file(s), {imported.Sum(f => f.RowsRead):N0} rows read, {imported.Sum(f => f.Created):N0} created, " +
            $"{imported.Sum(f => f.Updated):N0} updated, {imported.Sum(f => f.Unchanged):N0} unchanged, {imported.Sum(f => f.Duplicates):N0} duplicates, " +
            $"{imported.Sum(f => f.Rejected.Count):N0} rejected, {report.Files.Count(f => f.Error is not null)} file(s) not imported.");
        return sb.ToString();
    }
}
