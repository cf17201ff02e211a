using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using Moq;

namespace AeBot.Core.Tests.Channels;

/// <summary>
/// The channel glue both adapters share: the address is remembered, "More" pages come from the store, the core runs
/// once per stored request, and the admin's link command is checked before the channel links anyone.
/// </summary>
public sealed class ChannelTurnsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly RepIdentity Dana = new(8, "Dana Reyes", RepRole.Rep, "America/New_York");
    private static readonly RepIdentity Alex = new(1, "Alex Morgan", RepRole.Admin, "America/New_York");

    private readonly Mock<IConversationCore> _core = new();
    private readonly Mock<IChannelAddressBook> _addresses = new();
    private readonly Mock<IReplyPages> _pages = new();
    private readonly Mock<IRepDirectory> _directory = new();
    private readonly List<IncomingMessage> _seen = [];

    private ChannelTurns Turns()
    {
        _core.Setup(c => c.HandleAsync(It.IsAny<IncomingMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IncomingMessage m, CancellationToken _) =>
            {
                _seen.Add(m);
                return new Reply([new TextBlock("answer to " + m.Text)]) { Summary = "answer" };
            });
        return new ChannelTurns(_core.Object, _addresses.Object, _pages.Object, _directory.Object, new AeBot.Core.Time.FixedTimeProvider(Now));
    }

    private static ChannelAddress Address(RepIdentity rep) => new(rep.RepId, ChatChannels.Slack, "T1", "U1", "D1", null, null, Now);

    [Fact]
    public async Task A_message_remembers_the_address_and_reaches_the_core_with_an_empty_text_asking_for_help()
    {
        var turns = Turns();
        var reply = await turns.AnswerAsync(new ChannelRequest(Dana, Address(Dana), "D1", "", null), null, default);

        Assert.Equal("answer to help", ((TextBlock)reply.Blocks[0]).Markdown);
        _addresses.Verify(a => a.SaveAsync(Address(Dana), It.IsAny<CancellationToken>()), Times.Once);
        var message = Assert.Single(_seen);
        Assert.Equal((ChatChannels.Slack, "D1", 8L, Now), (message.Channel, message.ConversationId, message.From.RepId, message.ReceivedAt));
    }

    [Fact]
    public async Task A_button_goes_to_the_core_without_text_and_a_long_conversation_id_is_cut()
    {
        var turns = Turns();
        await turns.AnswerAsync(new ChannelRequest(Dana, Address(Dana), new string('c', 300), "ignored", "act:done:1"), null, default);

        var message = Assert.Single(_seen);
        Assert.Equal(("", "act:done:1", ChannelTurns.MaxConversationLength), (message.Text, message.ActionPayload, message.ConversationId.Length));
    }

    [Fact]
    public async Task More_is_read_from_the_stored_pages_of_that_rep_and_an_expired_page_says_so()
    {
        var page = new Reply([new TextBlock("rows 51–100")]) { Summary = "more" };
        _pages.Setup(p => p.FindAsync("abc", 8, Now, It.IsAny<CancellationToken>())).ReturnsAsync(page);
        var turns = Turns();

        Assert.Same(page, await turns.AnswerAsync(new ChannelRequest(Dana, Address(Dana), "D1", "", ReplyPaging.Payload("abc")), null, default));
        Assert.Same(ReplyPaging.Expired, await turns.AnswerAsync(new ChannelRequest(Dana, Address(Dana), "D1", "", ReplyPaging.Payload("gone")), null, default));
        Assert.Empty(_seen);
    }

    [Fact]
    public async Task A_stored_request_runs_the_core_once_and_its_retry_gets_the_kept_answer()
    {
        var queue = new Mock<IInboundQueue>();
        string? kept = null;
        queue.Setup(q => q.SaveAnswerAsync(It.Is<InboundItem>(i => i.Id == 7), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((InboundItem _, string a, CancellationToken _) => kept = a).Returns(Task.CompletedTask);
        var turns = Turns();
        var item = new InboundItem(7, ChatChannels.Slack, "event", "{}", Now, 1);

        var first = await turns.AnswerAsync(new ChannelRequest(Dana, Address(Dana), "D1", "what closes this month?", null), new InboundTurn(item, queue.Object), default);
        var retry = await turns.AnswerAsync(new ChannelRequest(Dana, Address(Dana), "D1", "what closes this month?", null),
            new InboundTurn(item with { Attempts = 2, Answer = kept }, queue.Object), default);

        Assert.Single(_seen);
        Assert.Equal(((TextBlock)first.Blocks[0]).Markdown, ((TextBlock)retry.Blocks[0]).Markdown);
    }

    [Fact]
    public async Task Only_an_admin_links_and_only_to_a_rep_that_exists_and_a_link_the_channel_cannot_make_is_explained()
    {
        var grace = new Rep { Id = 30, Name = "Grace Murphy", Email = "grace.murphy@northwind.example" };
        _directory.Setup(d => d.FindAsync("grace.murphy@northwind.example", It.IsAny<CancellationToken>())).ReturnsAsync(grace);
        var turns = Turns();
        var linked = new List<long>();
        Task<string> Link(Rep rep)
        {
            linked.Add(rep.Id);
            return Task.FromResult("linked " + rep.Name);
        }

        Assert.Equal("Only an AeBot admin can link Slack users to reps.", await turns.LinkAsync(Dana, "Slack", "grace.murphy@northwind.example", Link, default));
        Assert.Equal("No rep has the e-mail nobody@northwind.example.", await turns.LinkAsync(Alex, "Slack", "nobody@northwind.example", Link, default));
        Assert.Empty(linked);
        Assert.Equal("linked Grace Murphy", await turns.LinkAsync(Alex, "Slack", "grace.murphy@northwind.example", Link, default));
        Assert.Equal([30L], linked);
    }
}
