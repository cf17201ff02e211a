using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AeBot.Data.Storage;

/// <summary>
/// Stores a decimal as a 64-bit integer count of 1/10,000 units (exact for money to four places, ±922 trillion).
/// A value with more places is rounded half away from zero, as a bank would, rather than truncated.
/// </summary>
public sealed class ScaledDecimalConverter() : ValueConverter<decimal, long>(
    v => (long)decimal.Round(v * Scale, 0, MidpointRounding.AwayFromZero),
    v => v / Scale)
{
    public const decimal Scale = 10_000m;
}
