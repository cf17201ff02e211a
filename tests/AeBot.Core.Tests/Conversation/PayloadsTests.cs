using AeBot.Core.Conversation;
using AeBot.Core.Text;

namespace AeBot.Core.Tests.Conversation;

public sealed class PayloadsTests
{
    [Fact]
    public void A_thai_mark_is_read_back_with_the_payload_as_it_was()
    {
        var marked = Payloads.WithLanguage("dlg:@ab12:confirm", ReplyLanguage.Thai);

        Assert.Equal("dlg:@ab12:confirm|lang:th", marked);
        Assert.Equal(("dlg:@ab12:confirm", ReplyLanguage.Thai), Payloads.Language(marked));
        Assert.Equal(marked, Payloads.WithLanguage(marked, ReplyLanguage.Thai)); // never marked twice
    }

    [Theory]
    [InlineData("act:undo:12")]
    [InlineData("ask:deals in the pipe|lang:xx")]
    [InlineData("ask:a|lang:thai")]
    public void A_payload_without_a_known_mark_is_left_as_it_is(string payload) =>
        Assert.Equal((payload, (ReplyLanguage?)null), Payloads.Language(payload));

    [Fact]
    public void English_is_never_marked() => Assert.Equal("act:undo:12", Payloads.WithLanguage("act:undo:12", ReplyLanguage.English));

    [Fact]
    public void Every_button_of_a_thai_reply_is_marked_and_an_english_reply_is_the_same_reply()
    {
        var reply = new Reply([
            new TextBlock("x"),
            new ActionsBlock([new ReplyAction("a", "act:undo:1")]),
            new ChoiceBlock("?", [new ReplyAction("b", "dlg:b")]),
            new ItemListBlock(null, [new ListItem("c", null, [new ReplyAction("c", "act:fu.done:3")])]),
        ]) { Summary = "x" };

        var thai = Payloads.InLanguage(reply with { Language = "th" });

        Assert.Same(reply, Payloads.InLanguage(reply));
        Assert.Equal("act:undo:1|lang:th", thai.Blocks.OfType<ActionsBlock>().Single().Actions.Single().Payload);
        Assert.Equal("dlg:b|lang:th", thai.Blocks.OfType<ChoiceBlock>().Single().Options.Single().Payload);
        Assert.Equal("act:fu.done:3|lang:th", thai.Blocks.OfType<ItemListBlock>().Single().Items.Single().Actions.Single().Payload);
    }
}
