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
/// acknowledged — well inside Slack's 3 seconds — and processed by the inbound engine.
/// </summary>
internal static partial class SlackEndpoints
{
    /// <summary>Slack's payloads are a few KB; this is far above any of them.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints, SlackOptions options)
    {
        // Everything a request needs is a singleton, resolved once here: acknowledging Slack builds no DI scope.
        var services = endpoints.ServiceProvider;
        var front = new FrontDoor(
            services.GetRequiredService<SlackRequestVerifier>(),
            services.GetRequiredService<SlackInboundRouter>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("AeBot.Slack"));
        var group = endpoints.MapGroup(options.PathPrefix).ExcludeFromDescription();
        group.MapPost("/events", (Func<HttpContext, Task<IResult>>)(http => front.HandleAsync(http, EventsAsync)));
        group.MapPost("/commands", (Func<HttpContext, Task<IResult>>)(http => front.HandleAsync(http, CommandsAsync)));
        group.MapPost("/interactivity", (Func<HttpContext, Task<IResult>>)(http => front.HandleAsync(http, InteractivityAsync)));
    }

    private sealed class FrontDoor(SlackRequestVerifier verifier, SlackInboundRouter router, ILogger logger)
    {
        public async Task<IResult> HandleAsync(HttpContext http, Func<HttpContext, byte[], SlackInboundRouter, Task<SlackOutcome>> handler)
        {
            var body = await RequestBodies.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBodyBytes, http.RequestAborted);
            if (body is null)
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            var verification = verifier.Verify(
                http.Request.Headers[SlackRequestVerifier.TimestampHeader], http.Request.Headers[SlackRequestVerifier.SignatureHeader], body);
            if (verification != SlackVerification.Valid)
            {
                LogRefused(logger, http.Request.Path, verification);
                return Results.Unauthorized();
            }
            SlackOutcome outcome;
            try
            {
                outcome = await handler(http, body, router);
            }
            catch (Exception e) when (IsMalformed(e))
            {
                // Signed by Slack's secret yet not a payload AeBot can read (a field of the wrong JSON type, a string
                // that is not valid UTF-16): the sender's fault, a 400 — never a 500.
                LogMalformed(logger, http.Request.Path, e.GetType().Name, e.Message);
                return Results.BadRequest("The request is not a Slack payload AeBot can read.");
            }
            return outcome switch
            {
                { Json: { } json } => Results.Json(json, statusCode: outcome.Status),
                { Status: 200, Text: { } text } => Results.Text(text, "text/plain"),
                { Status: 200 } => Results.Ok(),
                { Status: 400 } => Results.BadRequest(outcome.Text),
                _ => Results.StatusCode(outcome.Status),
            };
        }
    }

    private static Task<SlackOutcome> EventsAsync(HttpContext http, byte[] body, SlackInboundRouter router) =>
        SlackEnvelope.Read(body) is { } envelope
            ? router.EventAsync(envelope, () => Encoding.UTF8.GetString(body), http.Request.Headers["X-Slack-Retry-Num"], http.Request.Headers["X-Slack-Retry-Reason"], http.RequestAborted)
            : Task.FromResult(SlackOutcome.BadRequest("The body is not a JSON object."));

    private static Task<SlackOutcome> CommandsAsync(HttpContext http, byte[] body, SlackInboundRouter router)
    {
        var text = Encoding.UTF8.GetString(body);
        return router.CommandAsync(System.Web.HttpUtility.ParseQueryString(text), text, http.RequestAborted);
    }

    private static Task<SlackOutcome> InteractivityAsync(HttpContext http, byte[] body, SlackInboundRouter router) =>
        System.Web.HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body))["payload"] is { Length: > 0 } raw && Json(raw) is JsonObject payload
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

    /// <summary>
    /// Exceptions that reading a payload throws on bad input: JSON of the wrong shape (System.Text.Json's
    /// InvalidOperationException for a number read as a string, a lone surrogate or invalid UTF-8 in a string),
    /// unparseable text, numbers or dates. Anything else is a server fault and stays a 500.
    /// </summary>
    internal static bool IsMalformed(Exception e) =>
        e is JsonException or FormatException or DecoderFallbackException or OverflowException
        || e.Source?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true; // also "System.Text.Json.Rethrowable"

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} was signed but unreadable ({Kind}: {Error}): 400")]
    private static partial void LogMalformed(ILogger logger, string path, string kind, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, SlackVerification reason);
}
