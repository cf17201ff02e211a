using Xunit.Abstractions;

namespace AeBot.Core.Tests.Understanding;

/// <summary>
/// The second held-out Thai set (Corpus/th-heldout2, see its README): written blind on 2026-12-03 by another helper,
/// while the reader was being tuned against the first set, so it measures generalisation afresh. Same safety rules
/// and the same ratchet as <see cref="ThaiHeldOutTests"/>.
/// </summary>
public sealed class ThaiHeldOut2Tests(ITestOutputHelper output)
{
    /// <summary>Cases read right: 319 of 356 (89.6 %) on the first run, before any change made for this set (2026-12-03).
    /// Raise it as the reader improves; a cause fixed because of this set makes it no longer blind for that cause.</summary>
    public const int HeldOutBaseline = 319;

    public static readonly string Folder = Path.Combine(QueryCorpus.Folder, "th-heldout2");

    [Fact]
    public Task Second_held_out_Thai_set_is_measured_and_never_unsafe() => ThaiHeldOutTests.MeasureAsync(Folder, HeldOutBaseline, output);
}
