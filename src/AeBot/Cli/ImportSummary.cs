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
        if (report.DryRun)
            sb.AppendLine("Dry run: nothing was written. This is what the import would do.");
        AppendReading(sb, report);
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
            sb.AppendLine(report.DryRun
                ? $"  rows read {file.RowsRead:N0}: would create {file.Created:N0}, update {file.Updated:N0}, leave {file.Unchanged:N0} unchanged, duplicates {file.Duplicates:N0}, would reject {file.Rejected.Count:N0}"
                : $"  rows read {file.RowsRead:N0}: created {file.Created:N0}, updated {file.Updated:N0}, unchanged {file.Unchanged:N0}, duplicates {file.Duplicates:N0}, rejected {file.Rejected.Count:N0}");
            if (file.AlsoCreated.Count > 0)
                sb.AppendLine($"  also created: {string.Join(", ", file.AlsoCreated.Select(a => $"{a.Value:N0} {a.Key}"))}");
            if (file.Skipped > 0)
                sb.AppendLine($"  skipped {file.Skipped:N0} line(s) that hold no record");
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
        if (report.DryRun)
            sb.Append("Dry run — ");
        sb.AppendLine($"Total: {report.Files.Count} file(s), {imported.Sum(f => f.RowsRead):N0} rows read, {imported.Sum(f => f.Created):N0} created, " +
            $"{imported.Sum(f => f.Updated):N0} updated, {imported.Sum(f => f.Unchanged):N0} unchanged, {imported.Sum(f => f.Duplicates):N0} duplicates, " +
            $"{imported.Sum(f => f.Rejected.Count):N0} rejected, {report.Files.Count(f => f.Error is not null)} file(s) not imported.");
        return sb.ToString();
    }

    /// <summary>
    /// How each file and column was read, before the counts: the kind and why, each column → field with how AeBot
    /// knows (name, content or both), and for a column that feeds nothing the nearest field and the mapping line that
    /// would take it there.
    /// </summary>
    private static void AppendReading(StringBuilder sb, ImportReport report)
    {
        var read = report.Files.Where(f => f.Columns.Count > 0).ToList();
        if (read.Count == 0)
            return;
        sb.AppendLine("How the files were read:");
        foreach (var file in read)
        {
            var name = Path.GetFileName(file.Path);
            sb.AppendLine(file.Kind is { } kind
                ? $"{name}: {KindName(kind)} — {file.KindReason}"
                : $"{name}: not recognised — {file.KindReason}");
            if (file.Kind is null)
                continue;
            var width = Math.Min(32, file.Columns.Max(c => c.Header.Length));
            foreach (var column in file.Columns)
            {
                var header = column.Header.Length == 0 ? $"(column {column.Index + 1})" : column.Header;
                if (column.Field is { } field)
                    sb.AppendLine($"  {header.PadRight(width)} → {FieldName(field)} ({Source(column.Source)})");
                else if (column.Source == MatchSource.Mapping)
                    sb.AppendLine($"  {header.PadRight(width)}   ignored (mapping file)");
                else if (column.Suggestion is { } nearest)
                    sb.AppendLine($"  {header.PadRight(width)}   not used — did you mean {FieldName(nearest)}? mapping line: {column.MappingLine}");
                else
                    sb.AppendLine($"  {header.PadRight(width)}   not used");
            }
        }
        sb.AppendLine();
    }

    private static string Source(MatchSource? source) => source switch
    {
        MatchSource.Name => "by its name",
        MatchSource.Content => "by its values",
        MatchSource.Both => "by its name and values",
        MatchSource.Mapping => "mapping file",
        _ => "",
    };

    private static string FieldName(string field) => field.Replace('_', ' ');

    private static string KindName(ImportKind kind) => kind switch
    {
        ImportKind.Reps => "users (people and their managers)",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
