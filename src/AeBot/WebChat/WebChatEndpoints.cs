using System.Security.Cryptography;
using System.Text;
using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Core.Text;
using AeBot.Data.Storage;
using AeBot.Rendering;
using AeBot.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AeBot.WebChat;

public static partial class WebChatEndpoints
{
    public const string KeyHeader = "X-AeBot-Key";

    private const int MaxConversationId = 200;

    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatOptions>().Bind(configuration.GetSection(WebChatOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FailedKeyAttempts>();
        services.AddSingleton<Charts.ChartRenderer>();
        services.AddSingleton<HtmlRenderer>();
        return services;
    }

    /// <summary>
    /// "/" (the page) and "/api/chat". In Development both are on unless <c>WebChat:Enabled=false</c>. Elsewhere the
    /// page needs <c>WebChat:Enabled=true</c> and the endpoint also a <c>WebChat:ApiKey</c>; without them they are
    /// not served at all.
    /// </summary>
    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder endpoints, IWebHostEnvironment environment)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<WebChatOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("AeBot.WebChat");
        var enabled = options.Enabled ?? environment.IsDevelopment();
        if (!enabled)
        {
            LogOff(logger);
            return endpoints;
        }
        if (!environment.IsDevelopment() && string.IsNullOrEmpty(options.ApiKey))
        {
            LogClosedWithoutKey(logger);
            return endpoints;
        }

        endpoints.MapGet("/", (HttpContext http) => TypedResults.Content(WebChatPage.Render(BrowserLanguage(http)), "text/html; charset=utf-8")).ExcludeFromDescription();
        // The tab's icon (a browser asks for /favicon.ico whatever the page says; both answer with the same picture).
        endpoints.MapGet("/favicon.svg", () => TypedResults.Content(WebChatPage.Icon, "image/svg+xml")).ExcludeFromDescription();
        endpoints.MapGet("/favicon.ico", () => TypedResults.Content(WebChatPage.Icon, "image/svg+xml")).ExcludeFromDescription();
        var failures = endpoints.ServiceProvider.GetRequiredService<FailedKeyAttempts>();
        var api = endpoints.MapGroup("/api/chat");
        api.MapGet("/users", async (HttpContext http, AeBotDbContext db, CancellationToken ct) =>
            Refused(http, environment, options, failures) ?? await UsersAsync(db, ct));
        // The landing greeting for whoever is chosen: the day's example questions, in their time zone.
        api.MapGet("/greeting", async (HttpContext http, string? @as, IRepDirectory directory, Core.Help.Greetings greetings, HtmlRenderer html, CancellationToken ct) =>
        {
            if (Refused(http, environment, options, failures) is { } refused)
                return refused;
            if (string.IsNullOrWhiteSpace(@as) || @as.Length > 320)
                return Problem(http, StatusCodes.Status400BadRequest, nameof(WebChatTexts.Problem_AsMissingQuery));
            var rep = await directory.FindAsync(@as, ct);
            // Greeted in the browser's language when AeBot knows none of the person's (no choice, no Teams/Slack locale).
            if (rep is null || await greetings.ForAsync(rep.Id, BrowserLanguage(http), ct) is not { } reply)
                return Problem(http, StatusCodes.Status400BadRequest, nameof(WebChatTexts.Problem_NobodyActive), @as);
            // The page speaks the person's language when AeBot knows it (their choice, their Teams/Slack locale), else the browser's.
            var language = rep.Language is not null || rep.Locale is not null ? ReplyLanguage.Of(rep.Language, rep.Locale, rep.BuddhistEra) : BrowserLanguage(http);
            return TypedResults.Ok(new GreetingResponse(reply.Summary, html.Render(reply), ReplyJson.ToJson(reply), language.Code));
        });
        // The body is read by hand, after the key and the size are checked: a stranger's 28 MB post is refused
        // unread (401, or 413), never parsed first (which would also answer a keyless bad body 400, not 401).
        api.MapPost("/", async (HttpContext http, IRepDirectory directory, IConversationCore core, HtmlRenderer html, TimeProvider clock, CancellationToken ct) =>
        {
            if (Refused(http, environment, options, failures) is { } refused)
                return refused;
            if (http.Request.ContentLength > options.MaxRequestBytes)
                return TooLarge(http, options);
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = options.MaxRequestBytes;
            if (!http.Request.HasJsonContentType())
                return Problem(http, StatusCodes.Status415UnsupportedMediaType, nameof(WebChatTexts.Problem_SendJson));
            ChatRequest? request;
            try
            {
                request = await http.Request.ReadFromJsonAsync<ChatRequest>(ct);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or BadHttpRequestException or InvalidOperationException or System.Text.DecoderFallbackException)
            {
                return e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                    ? TooLarge(http, options)
                    : Problem(http, StatusCodes.Status400BadRequest, nameof(WebChatTexts.Problem_NotChatRequest));
            }
            return await ChatAsync(http, request, directory, core, html, clock, ct);
        });
        return endpoints;
    }

    /// <summary>The first language of the browser's Accept-Language (by its q weights) that AeBot writes; else English.</summary>
    internal static ReplyLanguage BrowserLanguage(HttpContext http) =>
        http.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => ReplyLanguage.FromCode(l.Value.Value))
            .FirstOrDefault(l => l is not null) ?? ReplyLanguage.English;

    [LoggerMessage(Level = LogLevel.Information, Message = "Web chat is off (WebChat:Enabled)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Web chat is enabled outside Development without WebChat:ApiKey; it is not served")]
    private static partial void LogClosedWithoutKey(ILogger logger);

    private static IResult TooLarge(HttpContext http, WebChatOptions options) =>
        Problem(http, StatusCodes.Status413PayloadTooLarge, nameof(WebChatTexts.Problem_TooLarge), options.MaxRequestBytes.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// A refusal as problem details, its detail in the browser's language (the page shows it as it is; a script that
    /// sends no Accept-Language reads English).
    /// </summary>
    private static IResult Problem(HttpContext http, int status, string key, params object?[] args)
    {
        var language = BrowserLanguage(http);
        var detail = args.Length == 0 ? language.Text(WebChatTexts.ResourceManager, key) : language.Format(WebChatTexts.ResourceManager, key, args);
        return TypedResults.Problem(detail, statusCode: status);
    }

    private static bool KeyMatches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    // Before anything is read: an address that guessed wrong too often waits (429), a wrong or missing key is 401.
    private static IResult? Refused(HttpContext http, IWebHostEnvironment environment, WebChatOptions options, FailedKeyAttempts failures)
    {
        if (environment.IsDevelopment())
            return null;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.Exhausted(address) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(http, StatusCodes.Status429TooManyRequests, nameof(WebChatTexts.Problem_TooManyKeys));
        }
        var given = http.Request.Headers[KeyHeader].ToString();
        if (KeyMatches(given, options.ApiKey!))
            return null;
        // Only a wrong key counts as a guess: the page's first, keyless call (and a stranger's) costs nobody anything.
        if (given.Length > 0)
            failures.Record(address);
        return Problem(http, StatusCodes.Status401Unauthorized, nameof(WebChatTexts.Problem_KeyRequired));
    }

    private static async Task<IResult> UsersAsync(AeBotDbContext db, CancellationToken cancellationToken)
    {
        var reps = await db.Reps.AsNoTracking().Where(r => r.IsActive && r.Email != null).OrderBy(r => r.Role).ThenBy(r => r.Name)
            .Select(r => new { r.Name, r.Email, r.Role }).ToListAsync(cancellationToken);
        return TypedResults.Ok(reps.Select(r => new ChatUser(r.Name, r.Email!, r.Role.ToString())).ToList());
    }

    private static async Task<IResult> ChatAsync(
        HttpContext http, ChatRequest? request, IRepDirectory directory, IConversationCore core, HtmlRenderer html, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.As))
            return Problem(http, StatusCodes.Status400BadRequest, nameof(WebChatTexts.Problem_AsMissing));
        if (string.IsNullOrWhiteSpace(request.Text) && string.IsNullOrWhiteSpace(request.Payload))
            return Problem(http, StatusCodes.Status400BadRequest, nameof(WebChatTexts.Problem_TextOrPayload));
        if (request.ConversationId is { Length: > MaxConversationId })
            return Problem(http, StatusCodes.Status400BadRequest, nameof(WebChatTexts.Problem_ConversationIdTooLong), MaxConversationId);
        var rep = await directory.FindAsync(request.As, cancellationToken);
        if (rep is null)
            return Problem(http, StatusCodes.Status400BadRequest, nameof(WebChatTexts.Problem_Nobody), request.As);

        var conversationId = string.IsNullOrWhiteSpace(request.ConversationId) ? $"web:{rep.Id}" : request.ConversationId;
        var message = new IncomingMessage(ChatChannels.WebChat, new RepIdentity(rep.Id, rep.Name, rep.Role, rep.TimeZoneId), conversationId,
            request.Text ?? "", request.Payload, null, clock.GetUtcNow());
        var reply = await core.HandleAsync(message, cancellationToken);
        return TypedResults.Ok(new ChatResponse(reply.Summary, html.Render(reply), ReplyJson.ToJson(reply)));
    }
}
