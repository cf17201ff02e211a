using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AeBot.Data.Storage;

/// <summary>
/// Stores an instant as its UTC ticks, so SQL comparisons and ORDER BY follow the moment, whatever offset it was
/// written with. (EF's DateTimeOffsetToBinaryConverter packs local ticks and orders 10:00+05:00 after 06:00Z.)
/// Values come back in UTC; they are shown in each rep's own time zone anyway.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
