using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Slack.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeBot.Slack.Hosting;

/// <summary>
/// {prefix}/events, {prefix}/commands, {prefix}/interactivity. Each request is verified before anything else runs
/// (401 and a log line without the body otherwise); then <see cref="SlackInboundRouter"/> stores it durably and it is
/// acknowledged — well inside Slack's 3 seconds — and processed by <see cref="SlackInboundWorker"/>.
/// </summary>
internal static partial class SlackEndpoints
{
    /// <summary>Slack's payloads are a few KB; this is far above any of them.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints, SlackOptions options)
    {
        var group = endpoints.MapGroup(options.PathPrefix).ExcludeFromDescription();
        group.MapPost("/events", (Func<HttpContext, Task<IResult>>)(http => HandleAsync(http, EventsAsync)));
        group.MapPost("/commands", (Func<HttpContext, Task<IResult>>)(http => HandleAsync(http, CommandsAsync)));
        group.MapPost("/interactivity", (Func<HttpContext, Task<IResult>>)(http => HandleAsync(http, InteractivityAsync)));
    }

    private static async Task<IResult> HandleAsync(HttpContext http, Func<HttpContext, string, SlackInboundRouter, Task<SlackOutcome>> handler)
    {
        var services = http.RequestServices;
        var body = await RequestBodies.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBodyBytes, http.RequestAborted);
        if (body is null)
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var verification = services.GetRequiredService<SlackRequestVerifier>().Verify(
            http.Request.Headers[SlackRequestVerifier.TimestampHeader], http.Request.Headers[SlackRequestVerifier.SignatureHeader], body,
            services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (verification != SlackVerification.Valid)
        {
            LogRefused(services.GetRequiredService<ILoggerFactory>().CreateLogger("AeBot.Slack"), http.Request.Path, verification);
            return Results.Unauthorized();
        }
        var outcome = await handler(http, Encoding.UTF8.GetString(body), services.GetRequiredService<SlackInboundRouter>());
        return outcome switch
        {
            { Json: { } json } => Results.Json(json, statusCode: outcome.Status),
            { Status: 200, Text: { } text } => Results.Text(text, "text/plain"),
            { Status: 400 } => Results.BadRequest(outcome.Text),
            _ => Results.StatusCode(outcome.Status),
        };
    }

    private static Task<SlackOutcome> EventsAsync(HttpContext http, string body, SlackInboundRouter router) =>
        Json(body) is JsonObject envelope
            ? router.EventAsync(envelope, body, http.Request.Headers["X-Slack-Retry-Num"], http.Request.Headers["X-Slack-Retry-Reason"], http.RequestAborted)
            : Task.FromResult(SlackOutcome.BadRequest("The body is not a JSON object."));

    private static Task<SlackOutcome> CommandsAsync(HttpContext http, string body, SlackInboundRouter router) =>
        router.CommandAsync(System.Web.HttpUtility.ParseQueryString(body), body, http.RequestAborted);

    private static Task<SlackOutcome> InteractivityAsync(HttpContext http, string body, SlackInboundRouter router) =>
        System.Web.HttpUtility.ParseQueryString(body)["payload"] is { Length: > 0 } raw && Json(raw) is JsonObject payload
            ? router.InteractionAsync(payload, raw, http.RequestAborted)
            : Task.FromResult(SlackOutcome.BadRequest("Interactivity needs a JSON payload field."));

    internal static JsonNode? Json(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, SlackVerification reason);
}
