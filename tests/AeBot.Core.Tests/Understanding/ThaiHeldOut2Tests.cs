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
    /// 322 after its two safety failures were fixed by cause (ค่าเงิน is an exchange rate, declined in both languages;
    /// "write contracts/proposals/…" in the plural is a drafting request, declined — English had read "write contracts
    /// for Tyrell" as Tyrell's renewals). Raise it as the reader improves; the set is no longer blind for those causes.</summary>
    public const int HeldOutBaseline = 322;

    public static readonly string Folder = Path.Combine(QueryCorpus.Folder, "th-heldout2");

    [Fact]
    public Task Second_held_out_Thai_set_is_measured_and_never_unsafe() => ThaiHeldOutTests.MeasureAsync(Folder, HeldOutBaseline, output);
}
