using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AeBot.Hosting;

/// <summary>
/// One line when the server can be used, saying where: after a first build and the demo seeding, a new user's
/// terminal should end with what to open, not with a library's last message.
/// </summary>
internal static partial class ReadyNotice
{
    public static void LogWhenReady(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var first = addresses?.FirstOrDefault()?.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
            if (first is null)
                return;
            // The web chat is served only where it may be (Development, or with its key): the line says so either way.
            var webChat = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Any(e => e.RoutePattern.RawText == "/");
            if (webChat)
                LogReadyWithChat(app.Logger, first.TrimEnd('/'));
            else
                LogReady(app.Logger, first.TrimEnd('/'));
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "AeBot is ready: open {Address}/ for the web chat (pick a person, then ask); readiness at {Address}/health/ready")]
    private static partial void LogReadyWithChat(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "AeBot is ready on {Address} (web chat off); readiness at {Address}/health/ready")]
    private static partial void LogReady(ILogger logger, string address);
}
