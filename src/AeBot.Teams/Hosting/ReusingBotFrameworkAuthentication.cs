using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Microsoft.Rest;

namespace AeBot.Teams.Hosting;

/// <summary>
/// The SDK's authentication with one change: connector clients are reused instead of built per turn. Each new
/// <see cref="ConnectorClient"/> brings its own JSON contract resolver, so its first send reflects over the whole
/// Activity type graph again — about 6 ms of CPU per turn, more than everything else a turn costs (see
/// docs/performance.md). Clients are kept per bot, service URL and audience for ten minutes, then rebuilt so DNS
/// changes behind Teams' regional URLs are picked up. Authentication itself is untouched.
/// </summary>
internal sealed class ReusingBotFrameworkAuthentication(BotFrameworkAuthentication inner, TimeProvider clock) : BotFrameworkAuthentication
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const int MaxClients = 1_000;

    private readonly ConcurrentDictionary<(string Bot, string ServiceUrl, string Audience), Entry> _clients = new();

    private sealed record Entry(Task<IConnectorClient> Client, DateTimeOffset CreatedAt);

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        result.ConnectorFactory = new Reusing(this, result.ConnectorFactory, BotOf(result.ClaimsIdentity));
        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);
        result.ConnectorFactory = new Reusing(this, result.ConnectorFactory, BotOf(result.ClaimsIdentity));
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new Reusing(this, inner.CreateConnectorFactory(claimsIdentity), BotOf(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private static string BotOf(ClaimsIdentity? identity) =>
        identity?.Claims.FirstOrDefault(c => c.Type is AuthenticationConstants.AudienceClaim)?.Value
        ?? identity?.Claims.FirstOrDefault(c => c.Type is AuthenticationConstants.AppIdClaim)?.Value
        ?? "";

    private Task<IConnectorClient> Get(ConnectorFactory factory, string bot, string serviceUrl, string? audience, CancellationToken cancellationToken)
    {
        var key = (bot, serviceUrl, audience ?? "");
        var now = clock.GetUtcNow();
        if (_clients.TryGetValue(key, out var entry) && now - entry.CreatedAt < Lifetime && !entry.Client.IsFaulted && !entry.Client.IsCanceled)
            return entry.Client;
        if (_clients.Count >= MaxClients)
            _clients.Clear(); // many tenants' service URLs: start over rather than grow without bound
        var fresh = new Entry(factory.CreateAsync(serviceUrl, audience, cancellationToken), now);
        _clients[key] = fresh;
        return fresh.Client;
    }

    private sealed class Reusing(ReusingBotFrameworkAuthentication owner, ConnectorFactory inner, string bot) : ConnectorFactory
    {
        public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            new Shared(await owner.Get(inner, bot, serviceUrl, audience, cancellationToken));
    }

    /// <summary>The shared client as the turn sees it: the turn disposes its client when it ends; this one stays.</summary>
    private sealed class Shared(IConnectorClient client) : IConnectorClient
    {
        public Uri BaseUri
        {
            get => client.BaseUri;
            set => throw new NotSupportedException("A shared connector client's address is fixed.");
        }

        public JsonSerializerSettings SerializationSettings => client.SerializationSettings;

        public JsonSerializerSettings DeserializationSettings => client.DeserializationSettings;

        public ServiceClientCredentials Credentials => client.Credentials;

        public IAttachments Attachments => client.Attachments;

        public IConversations Conversations => client.Conversations;

        public void Dispose()
        {
        }
    }
}
