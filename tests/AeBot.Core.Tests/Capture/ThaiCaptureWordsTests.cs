using System.Text.RegularExpressions;
using AeBot.Core.Capture;
using AeBot.Core.Dialogs;
using AeBot.Core.Interactions;
using AeBot.Core.Text;

namespace AeBot.Core.Tests.Capture;

/// <summary>
/// The words of capture that aren't whole replies — what an undo names, why it can't undo, the unfinished dialog a
/// new message sets aside — read in Thai with nothing English left but the names from the data, and in English
/// exactly as before.
/// </summary>
public sealed partial class ThaiCaptureWordsTests
{
    private static readonly ReplyLanguage Thai = ReplyLanguage.Thai;
    private static readonly ReplyLanguage English = ReplyLanguage.English;

    /// <summary>English words left once the names are taken out: none in a Thai text.</summary>
    private static List<string> EnglishIn(string text, params string[] names)
    {
        foreach (var name in names.Where(n => n.Length > 0).OrderByDescending(n => n.Length))
            text = text.Replace(name, " ", StringComparison.Ordinal);
        return Latin().Matches(text).Select(m => m.Value).ToList();
    }

    // Every shape AeBot.Data's EfSalesWrites records a change under, with the names in it.
    [Theory]
    [InlineData("the call logged with Acme", "Acme", "การโทรที่บันทึกกับ Acme")]
    [InlineData("the meeting logged with Globex Holdings", "Globex Holdings", "การประชุมที่บันทึกกับ Globex Holdings")]
    [InlineData("the edit of what you logged with Acme", "Acme", "การแก้ไขรายการที่บันทึกกับ Acme")]
    [InlineData("marking it won on Acme – GTX Pro", "Acme – GTX Pro", "การปิดดีล Acme – GTX Pro ว่าได้")]
    [InlineData("marking it lost on Acme – GTX Pro", "Acme – GTX Pro", "การปิดดีล Acme – GTX Pro ว่าหลุด")]
    [InlineData("the change on Acme – Security Add-on", "Acme – Security Add-on", "การเปลี่ยนแปลงดีล Acme – Security Add-on")]
    [InlineData("\"Send the revised quote\" done", "Send the revised quote", "การทำงาน \"Send the revised quote\" เสร็จ")]
    [InlineData("\"Send the revised quote\" snoozed", "Send the revised quote", "การเลื่อนงาน \"Send the revised quote\"")]
    [InlineData("the reminder \"Call Bob\"", "Call Bob", "การเตือน \"Call Bob\"")]
    [InlineData("the snoozed reminder \"Call Bob\"", "Call Bob", "การเลื่อนการเตือน \"Call Bob\"")]
    [InlineData("something recorded by a newer version", "", "การเปลี่ยนแปลงนั้น")]
    public void A_change_is_named_in_thai_with_its_names_and_unchanged_in_english(string stored, string name, string thai)
    {
        Assert.Equal(thai, ChangeWords.Description(stored, Thai));
        Assert.Empty(EnglishIn(ChangeWords.Description(stored, Thai), name));
        Assert.Equal(stored, ChangeWords.Description(stored, English));
    }

    // Every reason EfSalesWrites gives for refusing an undo.
    [Theory]
    [InlineData("what you logged has been edited since", "")]
    [InlineData("what you logged has been edited again since", "")]
    [InlineData("its follow-up \"Revised quote\" has been marked done since", "Revised quote")]
    [InlineData("\"Revised quote\" has been snoozed since", "Revised quote")]
    [InlineData("\"Revised quote\" has been cancelled since", "Revised quote")]
    [InlineData("\"Revised quote\" has been changed since", "Revised quote")]
    [InlineData("Acme – GTX Pro has been changed again since (it is now at Negotiation)", "Acme – GTX Pro", "Negotiation")]
    [InlineData("the close date of Acme – GTX Pro has been changed again since", "Acme – GTX Pro")]
    [InlineData("the amount and close date of Acme – GTX Pro have been changed again since", "Acme – GTX Pro")]
    [InlineData("Acme – GTX Pro has been changed again since", "Acme – GTX Pro")]
    [InlineData("the reminder \"Call Bob\" has been snoozed since", "Call Bob")]
    [InlineData("a reason a newer version gives", "")]
    public void Why_an_undo_was_refused_reads_in_thai_and_unchanged_in_english(string stored, params string[] names)
    {
        var thai = ChangeWords.Reason(stored, Thai)!;
        Assert.Empty(EnglishIn(thai, names));
        foreach (var name in names.Where(n => n.Length > 0))
            Assert.Contains(name, thai);
        Assert.Equal(stored, ChangeWords.Reason(stored, English));
    }

    public static TheoryData<DialogState, string> Dialogs => new()
    {
        { new DialogState { Kind = DialogKind.LogInteraction, Awaiting = DialogSlot.Summary, Log = new LogDraft { Type = InteractionType.Meeting, AccountName = "Acme" } }, "meeting log for Acme" },
        { new DialogState { Kind = DialogKind.LogInteraction, Awaiting = DialogSlot.Account }, "call log" },
        { new DialogState { Kind = DialogKind.UpdateDeal, Awaiting = DialogSlot.CloseDate, Deal = new DealDraft { Action = DealAction.CloseDate, DealName = "Acme – GTX Pro" } }, "close-date change on Acme – GTX Pro" },
        { new DialogState { Kind = DialogKind.UpdateDeal, Awaiting = DialogSlot.Confirm, Deal = new DealDraft { Action = DealAction.Won, DealName = "Acme – GTX Pro" } }, "mark-as-won on Acme – GTX Pro" },
        { new DialogState { Kind = DialogKind.UpdateDeal, Awaiting = DialogSlot.Deal, Deal = new DealDraft { Action = DealAction.Lost } }, "mark-as-lost" },
        { new DialogState { Kind = DialogKind.UpdateDeal, Awaiting = DialogSlot.Deal }, "stage change" },
        { new DialogState { Kind = DialogKind.EditInteraction, Awaiting = DialogSlot.EditField }, "edit of what you logged" },
        { new DialogState { Kind = DialogKind.Reminder, Awaiting = DialogSlot.When, Reminder = new ReminderDraftState("Send the deck") }, "reminder (\"Send the deck\")" },
    };

    [Theory]
    [MemberData(nameof(Dialogs))]
    public void An_unfinished_dialog_is_named_in_thai_and_as_before_in_english(DialogState dialog, string english)
    {
        Assert.Equal(english, dialog.Unfinished(English));
        Assert.Equal("the " + english, dialog.Aside(English));
        string[] names = ["Acme – GTX Pro", "Acme", "Send the deck"];
        Assert.Empty(EnglishIn(dialog.Unfinished(Thai), names));
        Assert.Empty(EnglishIn(dialog.Aside(Thai), names));
        Assert.Empty(EnglishIn(dialog.Describe(Thai), names));
        Assert.Matches(@"\p{IsThai}", dialog.Describe(Thai));
    }

    [Fact]
    public void What_a_dialog_is_doing_reads_as_before_in_english()
    {
        var log = new DialogState { Kind = DialogKind.LogInteraction, Awaiting = DialogSlot.Summary, Log = new LogDraft { Type = InteractionType.Email, AccountName = "Acme" } };
        var deal = new DialogState { Kind = DialogKind.UpdateDeal, Awaiting = DialogSlot.Confirm, Deal = new DealDraft { DealName = "Acme – GTX Pro" } };
        Assert.Equal("logging a email with Acme", log.Describe(English));
        Assert.Equal("updating Acme – GTX Pro", deal.Describe(English));
        Assert.Equal("การบันทึกอีเมลกับ Acme", log.Describe(Thai));
        Assert.Equal("การอัปเดตดีล Acme – GTX Pro", deal.Describe(Thai));
    }

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Latin();
}
