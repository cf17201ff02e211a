using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AeBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Slack.Hosting;

/// <summary>
/// Socket Mode, for development without a public URL (<c>Slack:AppToken</c>, an <c>xapp-</c> token): asks
/// <c>apps.connections.open</c> for a WebSocket URL, connects, acknowledges every envelope by its
/// <c>envelope_id</c> (with the same answer the HTTP endpoint would give — field errors, for instance) and hands
/// its payload to the same <see cref="SlackInboundRouter"/>. Reconnects when Slack says <c>disconnect</c> (refresh,
/// link_disabled…) and on network loss, with growing, jittered delays.
/// </summary>
internal sealed partial class SlackSocketMode(
    IHttpClientFactory httpClients, SlackInboundRouter router, IOptions<SlackOptions> options, ILogger<SlackSocketMode> logger) : BackgroundService
{
    public const string HttpClientName = "SlackSocketMode";

    /// <summary>Connections made so far (for operators and tests).</summary>
    public int Connections { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await OpenConnectionAsync(stoppingToken);
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, stoppingToken);
                Connections++;
                LogConnected(logger, url.Host);
                failures = 0;
                await ReceiveAsync(socket, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, failures)) * (0.5 + Random.Shared.NextDouble() / 2));
                LogLost(logger, e, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.ApiBaseUrl), "apps.connections.open"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AppToken);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (answer?["ok"]?.GetValue<bool>() != true || answer["url"]?.GetValue<string>() is not { } url)
            throw new Api.SlackApiException("apps.connections.open", answer?["error"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}");
        return new Uri(url);
    }

    /// <summary>Reads until Slack says to reconnect or the socket closes.</summary>
    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                    throw new WebSocketException("Slack closed the connection");
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            if (SlackEndpoints.Json(text) is not JsonObject envelope)
                continue;
            switch (envelope["type"]?.GetValue<string>())
            {
                case "hello":
                    continue;
                case "disconnect":
                    LogDisconnect(logger, envelope["reason"]?.GetValue<string>() ?? "");
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", CancellationToken.None);
                    return; // the loop opens a new connection at once
            }
            if (envelope["envelope_id"]?.GetValue<string>() is not { } envelopeId)
                continue;
            var outcome = await RouteAsync(envelope, cancellationToken);
            var ack = new JsonObject { ["envelope_id"] = envelopeId };
            if (outcome.Json is { } payload)
                ack["payload"] = JsonSerializer.SerializeToNode(payload);
            await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        }
    }

    private async Task<SlackOutcome> RouteAsync(JsonObject envelope, CancellationToken cancellationToken)
    {
        if (envelope["payload"] is not JsonObject payload)
            return SlackOutcome.BadRequest("No payload.");
        var raw = payload.ToJsonString();
        switch (envelope["type"]?.GetValue<string>())
        {
            case "events_api":
                return await router.EventAsync(SlackEnvelope.Read(Encoding.UTF8.GetBytes(raw))!, () => raw, envelope["retry_attempt"]?.ToString(), envelope["retry_reason"]?.GetValue<string>(), cancellationToken);
            case "slash_commands":
                // Over HTTP a command is a form; the worker reads it as one.
                var form = System.Web.HttpUtility.ParseQueryString("");
                foreach (var (key, value) in payload)
                    if (value is JsonValue v && v.TryGetValue<string>(out var s))
                        form[key] = s;
                return await router.CommandAsync(form, form.ToString() ?? "", cancellationToken);
            case "interactive":
                return await router.InteractionAsync(payload, raw, cancellationToken);
            default:
                return SlackOutcome.Ok;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected ({Host})")]
    private static partial void LogConnected(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked Socket Mode to reconnect ({Reason})")]
    private static partial void LogDisconnect(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection lost; reconnecting in {Seconds:F1} s")]
    private static partial void LogLost(ILogger logger, Exception exception, double seconds);
}
