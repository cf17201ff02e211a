using AeBot.Core.Time;

namespace AeBot.Core.Nudges;

/// <summary>The one rule both digests share: who has reached their digest moment in their own zone and not had it yet.</summary>
internal static class DigestSchedule
{
    /// <summary>
    /// The (person, local date) pairs for which <paramref name="isDue"/> holds at <paramref name="now"/> in the
    /// person's zone, less those already recorded for <paramref name="rule"/>.
    /// </summary>
    public static async Task<IReadOnlyList<(long RepId, DateOnly LocalDate)>> DueAsync(
        INudgeLedger ledger, string rule, DateTimeOffset now, IEnumerable<NudgeRecipient> people, Func<NudgeRecipient, DateTime, bool> isDue, CancellationToken cancellationToken)
    {
        var due = new List<(long, DateOnly)>();
        foreach (var person in people)
        {
            var local = TimeZoneInfo.ConvertTime(now, RepTime.ZoneOf(person.TimeZoneId)).DateTime;
            if (isDue(person, local))
                due.Add((person.RepId, DateOnly.FromDateTime(local)));
        }
        if (due.Count == 0)
            return due;
        var recorded = await ledger.RecordedAsync(rule, due.Select(d => d.Item2).Distinct().ToList(), cancellationToken);
        return due.Where(d => !recorded.Contains(d)).ToList();
    }
}
