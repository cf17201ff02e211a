using System.Security.Claims;
using System.Text;
using AeBot.Core.Channels;
using AeBot.Core.Organization;
using AeBot.Teams.Bot;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace AeBot.Teams.Hosting;

/// <summary>
/// Bot Framework's <see cref="CloudAdapter"/> with AeBot's front door. <see cref="CloudAdapter.ProcessAsync"/> turns
/// only <see cref="UnauthorizedAccessException"/> into 401 and lets every other token failure surface as a 500, and it
/// checks no tenant. So AeBot authenticates first itself — any failure is a 401 — then checks the tenant (403), then
/// stores a message for the inbound engine (<see cref="TeamsInboundHandler"/>) — or, for invokes and the rest, claims
/// the activity id (a redelivery is answered 200 and not run again) and runs the turn with the already-authenticated
/// result.
/// </summary>
internal sealed partial class TeamsAdapter : CloudAdapter
{
    /// <summary>Teams activities are a few KB; cards sent back by clients stay far below this.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    private static readonly JsonSerializerSettings Json = new() { MaxDepth = 64, NullValueHandling = NullValueHandling.Ignore };

    private readonly TeamsOptions _options;
    private readonly IReadOnlySet<string>? _tenants;
    private readonly TimeProvider _clock;
    private readonly IInboundInbox _inbox;
    private readonly InboundSignal _signal;
    private readonly ILogger _logger;

    public TeamsAdapter(
        BotFrameworkAuthentication authentication, IOptions<TeamsOptions> options, TimeProvider clock, IServiceScopeFactory scopes,
        IInboundInbox inbox, InboundSignal signal, ILogger<TeamsAdapter> logger)
        : base(authentication, logger)
    {
        _options = options.Value;
        _inbox = inbox;
        _signal = signal;
        _tenants = _options.EffectiveAllowedTenants();
        _clock = clock;
        _logger = logger;
        OnTurnError = new TeamsTurnErrors(scopes, logger).HandleAsync;
    }

    /// <summary>The identity proactive sends act as.</summary>
    public ClaimsIdentity BotIdentity()
    {
        var appId = _options.MicrosoftAppId ?? "";
        return new ClaimsIdentity(
        [
            new Claim(AuthenticationConstants.AudienceClaim, appId),
            new Claim(AuthenticationConstants.AppIdClaim, appId),
        ]);
    }

    public async Task HandleAsync(HttpContext http, IBot bot, IInboundLedger ledger)
    {
        var request = http.Request;
        var response = http.Response;
        var cancellationToken = http.RequestAborted;
        var authHeader = request.Headers.Authorization.ToString();
        if (_options.AuthenticationEnabled && string.IsNullOrWhiteSpace(authHeader))
        {
            await RefuseAsync(response, StatusCodes.Status401Unauthorized, "no Authorization header");
            return;
        }

        var bytes = await RequestBodies.ReadAsync(request.Body, request.ContentLength, MaxBodyBytes, cancellationToken);
        var body = bytes is null ? null : Encoding.UTF8.GetString(bytes);
        if (body is null)
        {
            await RefuseAsync(response, StatusCodes.Status413PayloadTooLarge, "body too large");
            return;
        }
        Activity? activity;
        try
        {
            activity = JsonConvert.DeserializeObject<Activity>(body, Json);
        }
        catch (JsonException)
        {
            activity = null;
        }
        if (activity?.Type is not { Length: > 0 } || !UsableServiceUrl(activity.ServiceUrl))
        {
            // A token is only checked together with the activity (its service URL claim): without one nothing is
            // authenticated, so with authentication on this is a 401 like any other unauthenticated request.
            await RefuseAsync(response, _options.AuthenticationEnabled ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest, "not a Bot Framework activity");
            return;
        }

        AuthenticateRequestResult authentication;
        try
        {
            authentication = await BotFrameworkAuthentication.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Expired, wrong audience, unknown key, alg none, unendorsed channel, service URL mismatch…: all the caller's fault.
            LogRefused(_logger, e.GetType().Name, e.Message);
            await RefuseAsync(response, StatusCodes.Status401Unauthorized, null);
            return;
        }

        var tenant = TeamsActivities.TenantId(activity);
        if (_tenants is not null && !_tenants.Contains(tenant))
        {
            LogTenantRefused(_logger, tenant.Length == 0 ? "(none)" : tenant);
            await RefuseAsync(response, StatusCodes.Status403Forbidden, null);
            return;
        }

        var deliveryKey = activity.Id is { Length: > 0 } && activity.Conversation?.Id is { Length: > 0 } ? $"{activity.Conversation.Id}|{activity.Id}" : null;
        if (activity.Type == ActivityTypes.Message && deliveryKey is not null)
        {
            // A message is stored (once: a redelivery finds it there) and answered by the inbound engine, like
            // Slack's requests: Teams gets its 200 at once, the turn survives a crash, and a failed turn is retried
            // from the queue — at least once, and a redelivery is never run again. (A reply Teams accepted but whose
            // answer was lost on the way back is sent again: the Bot Connector offers no way to look for it.)
            if (await _inbox.EnqueueAsync(new InboundRequest(ChatChannels.Teams, TeamsInboundHandler.MessageKind, deliveryKey, activity.Conversation!.Id, body, _clock.GetUtcNow()), cancellationToken))
                _signal.Notify();
            else
                LogDuplicate(_logger, activity.Type, activity.Id ?? "");
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        // Invokes (a card's button: Teams waits 5 s for the refreshed card) and the rest run now. At least once,
        // never twice: the delivery is claimed (a redelivery while it runs, or after it finished, is
        // answered "already handled"), completed when the turn ends, released when it fails — so Teams' retry runs it
        // again — and a claim left by a process that died runs out after the lease, so the retry is not lost either.
        var wallClock = TimeProvider.System.GetUtcNow(); // a lease measures Teams' patience, not business time
        // Whole milliseconds: the lease is also the claim's token, compared for equality after a round trip through
        // databases that keep microseconds (PostgreSQL) or ticks (SQLite).
        var lease = new DateTimeOffset(wallClock.AddSeconds(_options.RedeliveryLeaseSeconds).UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        if (deliveryKey is not null
            && !await ledger.TryClaimAsync(ChatChannels.Teams, deliveryKey, _clock.GetUtcNow(), wallClock, lease, cancellationToken))
        {
            LogDuplicate(_logger, activity.Type, activity.Id ?? "");
            await WriteInvokeResponseAsync(response, activity.Type == ActivityTypes.Invoke ? TeamsBot.AlreadyHandled() : null, cancellationToken);
            return;
        }

        var failed = false;
        async Task Turn(ITurnContext turn, CancellationToken ct)
        {
            try
            {
                await bot.OnTurnAsync(turn, ct);
            }
            catch
            {
                failed = true; // the turn error handler still tells the user; the claim is released below
                throw;
            }
        }
        InvokeResponse? invokeResponse;
        try
        {
            invokeResponse = await ProcessActivityAsync(authentication, activity, Turn, cancellationToken);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            if (deliveryKey is not null)
            {
                if (failed)
                    await ledger.ReleaseAsync(ChatChannels.Teams, deliveryKey, lease, CancellationToken.None);
                else
                    await ledger.CompleteAsync(ChatChannels.Teams, deliveryKey, lease, _clock.GetUtcNow(), CancellationToken.None);
            }
        }
        await WriteInvokeResponseAsync(response, invokeResponse, cancellationToken);
    }

    // Replies go to the service URL: anything but an absolute http(s) address is not one (and would fail the turn).
    private static bool UsableServiceUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static async Task WriteInvokeResponseAsync(HttpResponse response, InvokeResponse? invokeResponse, CancellationToken cancellationToken)
    {
        if (invokeResponse is null)
        {
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        // The SDK answers an invoke it has no handler for with 501; that is the sender's request AeBot does not
        // take, not a server fault.
        if (invokeResponse.Status == StatusCodes.Status501NotImplemented)
            invokeResponse = new InvokeResponse { Status = StatusCodes.Status400BadRequest, Body = invokeResponse.Body };
        response.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is not null)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(JsonConvert.SerializeObject(invokeResponse.Body, Json), cancellationToken);
        }
    }

    private Task RefuseAsync(HttpResponse response, int status, string? reason)
    {
        if (reason is not null)
            LogRefused(_logger, "request", reason);
        response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
            response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request refused ({Kind}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request from tenant {Tenant} refused: not in Teams:AllowedTenants")]
    private static partial void LogTenantRefused(ILogger logger, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams {Type} activity {ActivityId} delivered again; already handled")]
    private static partial void LogDuplicate(ILogger logger, string type, string activityId);
}
