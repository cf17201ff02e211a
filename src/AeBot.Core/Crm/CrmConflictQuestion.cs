using System.Globalization;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Text;

namespace AeBot.Core.Crm;

/// <summary>
/// One deal field a chat change and the CRM disagree on, in AeBot's terms: a close date as "yyyy-MM-dd…", an amount
/// as an invariant number, a stage by its label. <paramref name="Field"/> is the CRM field's name ("CloseDate").
/// </summary>
public sealed record CrmConflictField(string Field, string? Theirs, string? Mine);

/// <summary>What the rep's answer to a CRM conflict did, for <see cref="CrmConflictQuestion.Answer"/> to say.</summary>
/// <param name="SetMine">The rep chose to set their value over the CRM's.</param>
/// <param name="RestGoesOut">Kept the CRM's value, and fields the CRM did not touch still go out.</param>
/// <param name="SyncMinutes">How often the sync runs: the change goes out within that.</param>
public sealed record CrmConflictAnswer(string Provider, bool SetMine, bool RestGoesOut, int SyncMinutes);

/// <summary>
/// The question sent when a deal change made in chat finds the CRM changed meanwhile ("Acme's close date changed in
/// HubSpot to Jan 20 since you asked; keep Jan 20 or set Jan 15?"), and what its buttons answer, each whole in the
/// rep's language. Written here so the CRM sync only says what conflicts, never in which words.
/// </summary>
public static class CrmConflictQuestion
{
    /// <summary>The payload prefix of the two buttons ("act:crm.keep:{id}", "act:crm.set:{id}").</summary>
    public const string KeepAction = "crm.keep", SetAction = "crm.set";

    public static Reply Reply(ReplyLanguage l, string provider, string? accountName, string? dealName, string currency, DateOnly today,
        IReadOnlyList<CrmConflictField> fields, long writeBackId)
    {
        var and = T(l, nameof(CrmTexts.And));
        var comma = T(l, nameof(CrmTexts.Comma));
        var labels = string.Join(and, fields.Select(f => Label(l, f.Field)));
        var theirs = string.Join(and, fields.Select(f => Show(l, f.Field, f.Theirs, currency, today)));
        var keep = string.Join(comma, fields.Select(f => Show(l, f.Field, f.Theirs, currency, today)));
        var set = string.Join(comma, fields.Select(f => Show(l, f.Field, f.Mine, currency, today)));
        var text = (accountName, dealName) switch
        {
            ({ } account, { } deal) => T(l, nameof(CrmTexts.ConflictQuestion_Deal), account, labels, provider, theirs, deal, keep, set),
            (null, { } deal) => T(l, nameof(CrmTexts.ConflictQuestion_Named), deal, labels, provider, theirs, keep, set),
            ({ } account, null) => T(l, nameof(CrmTexts.ConflictQuestion_Named), account, labels, provider, theirs, keep, set),
            _ => T(l, nameof(CrmTexts.ConflictQuestion_Unnamed), labels, provider, theirs, keep, set),
        };
        var id = writeBackId.ToString(CultureInfo.InvariantCulture);
        return Payloads.InLanguage(new Reply([
            new TextBlock(text),
            new ActionsBlock([
                new ReplyAction(T(l, nameof(CrmTexts.Keep), keep), Payloads.Act + KeepAction + ":" + id, ActionStyle.Primary),
                new ReplyAction(T(l, nameof(CrmTexts.Set), set), Payloads.Act + SetAction + ":" + id),
            ]),
        ]) { Summary = text, Language = l.Code });
    }

    /// <summary>What a press of Keep or Set did.</summary>
    public static string Answer(ReplyLanguage l, CrmConflictAnswer answer) =>
        answer.SetMine
            ? T(l, answer.SyncMinutes == 1 ? nameof(CrmTexts.SetAtNextSync_One) : nameof(CrmTexts.SetAtNextSync_Many), answer.Provider, answer.SyncMinutes)
            : T(l, answer.RestGoesOut ? nameof(CrmTexts.KeptRestGoes) : nameof(CrmTexts.KeptNothingSent), answer.Provider);

    private static string Label(ReplyLanguage l, string field) => field switch
    {
        "CloseDate" => T(l, nameof(CrmTexts.Field_CloseDate)),
        "NextStep" => T(l, nameof(CrmTexts.Field_NextStep)),
        "LossReason" => T(l, nameof(CrmTexts.Field_LossReason)),
        "Stage" => T(l, nameof(CrmTexts.Field_Stage)),
        "Amount" => T(l, nameof(CrmTexts.Field_Amount)),
        "Owner" => T(l, nameof(CrmTexts.Field_Owner)),
        _ => field.ToLowerInvariant(),
    };

    private static string Show(ReplyLanguage l, string field, string? value, string currency, DateOnly today)
    {
        if (string.IsNullOrEmpty(value))
            return T(l, nameof(CrmTexts.Nothing));
        return field switch
        {
            "CloseDate" when DateOnly.TryParse(value[..Math.Min(10, value.Length)], CultureInfo.InvariantCulture, out var d) => DateFormat.Short(d, today, l),
            "Amount" when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) => MoneyFormat.Exact(m, currency),
            _ => value,
        };
    }

    private static string T(ReplyLanguage l, string key, params object?[] args) => l.Format(CrmTexts.ResourceManager, key, args);
}
