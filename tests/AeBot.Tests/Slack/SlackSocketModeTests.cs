using System.Text.Json.Nodes;

namespace AeBot.Tests.Slack;

public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private SlackApplication _app = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.Users["U222"] = ("dana.reyes@northwind.example", "Dana Reyes");
        _slack.Users["U111"] = ("lee.chen@northwind.example", "Lee Chen");
        _app = new SlackApplication(_slack, new Dictionary<string, string?> { ["Slack:AppToken"] = "xapp-test-token" });
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(what);
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Envelopes_are_acked_handled_like_http_and_a_disconnect_reconnects()
    {
        await Until(() => _slack.SocketConnections == 1, "first connection");
        Assert.Contains(_slack.CallsTo("apps.connections.open"), c => c.Authorization == "Bearer xapp-test-token");

        // An @mention through the socket: acknowledged by envelope id, answered in the thread.
        var mention = SlackFixtures.Json("socket_mode_events_api_app_mention_envelope.json");
        mention["payload"]!["event"]!["text"] = "<@U111> what closes this month?";
        await _slack.SocketOutbox.Writer.WriteAsync(mention.ToJsonString());
        await Until(() => _slack.SocketAcks.Any(a => a["envelope_id"]!.GetValue<string>() == "cda4159a-72a5-4744-aba3-4d66eb52682b"), "ack of the event envelope");
        var answer = await _slack.WaitForAsync("chat.postMessage", c => c.Channel == "C111");
        Assert.Equal("1610241741.000200", answer.Json!["thread_ts"]!.GetValue<string>());

        // Slack asks for a reconnect: a new connection is opened and works.
        await _slack.SocketOutbox.Writer.WriteAsync(SlackFixtures.Text("socket_mode_disconnect.json"));
        await Until(() => _slack.SocketConnections == 2, "reconnection after disconnect");
        Assert.Equal(2, _slack.CallsTo("apps.connections.open").Count);

        var command = SlackFixtures.Json("socket_mode_slash_commands_envelope.json");
        command["payload"]!["text"] = "help";
        command["payload"]!["response_url"] = _slack.ResponseUrl("socket-help");
        await _slack.SocketOutbox.Writer.WriteAsync(command.ToJsonString());
        await Until(() => _slack.SocketAcks.Any(a => a["envelope_id"]!.GetValue<string>() == "1d3c79ab-0ffb-41f3-a080-d19e85f53649"), "ack of the command envelope");
        var help = await _slack.WaitForAsync("commands/socket-help", _ => true);
        Assert.Contains("ephemeral", help.RawBody);

        // The connection drops without a disconnect message: AeBot backs off briefly and connects again.
        await _slack.SocketOutbox.Writer.WriteAsync("__drop__");
        await Until(() => _slack.SocketConnections == 3, "reconnection after a dropped connection");
        Assert.Contains(_app.Logs.Lines, l => l.Contains("Socket Mode connection lost; reconnecting"));
    }

    [Fact]
    public async Task A_form_with_errors_is_answered_in_the_ack()
    {
        await Until(() => _slack.SocketConnections >= 1, "connection");
        var payload = SlackFixtures.Json("view_submission_payload.json");
        payload["view"]!["callback_id"] = "log_interaction";
        payload["view"]!["state"] = new JsonObject { ["values"] = new JsonObject() };
        var envelope = new JsonObject { ["envelope_id"] = "env-form-1", ["type"] = "interactive", ["payload"] = payload, ["accepts_response_payload"] = true };
        await _slack.SocketOutbox.Writer.WriteAsync(envelope.ToJsonString());
        await Until(() => _slack.SocketAcks.Any(a => a["envelope_id"]!.GetValue<string>() == "env-form-1"), "ack of the form");
        var ack = _slack.SocketAcks.First(a => a["envelope_id"]!.GetValue<string>() == "env-form-1");
        Assert.Equal("errors", ack["payload"]!["response_action"]!.GetValue<string>());
        Assert.NotNull(ack["payload"]!["errors"]!["account"]);
    }
}
