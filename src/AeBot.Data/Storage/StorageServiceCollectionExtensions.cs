using AeBot.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using AeBot.Core.Work;
using AeBot.Core.Conversation;
using AeBot.Core.Turns;
using AeBot.Core.Help;

namespace AeBot.Data.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="AeBotDbContext"/> on SQLite or PostgreSQL as configured.</summary>
    public static IServiceCollection AddAeBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .PostConfigure(o => o.ConnectionString ??= configuration.GetConnectionString("AeBot"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Pooled: a chat turn creates several short-lived contexts, and pooling keeps that off the hot path.
        // The compiled models (CompiledModels/, scripts/optimize-model.sh) spare every process the model building by
        // conventions, about a second of a CLI command's start; CompiledModelTests fails when one is behind the model.
        services.AddDbContextPool<SqliteAeBotDbContext>((sp, options) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.UseSqlite(storage.SqliteConnectionString())
                .UseModel(CompiledModels.Sqlite.SqliteAeBotDbContextModel.Instance)
                .AddInterceptors(new SqliteConnectionSetup(storage.SqliteSynchronous));
        });
        services.AddDbContextPool<PostgresAeBotDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString)
                .UseModel(CompiledModels.Postgres.PostgresAeBotDbContextModel.Instance));
        services.AddScoped<AeBotDbContext>(sp =>
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres
                ? sp.GetRequiredService<PostgresAeBotDbContext>()
                : sp.GetRequiredService<SqliteAeBotDbContext>());
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<IRepDirectory, EfRepDirectory>();
        services.AddScoped<IRepPreferences, EfRepPreferences>();
        services.AddScoped<AeBot.Core.Sales.ISalesData, AeBot.Data.Sales.EfSalesData>();
        services.AddScoped<AeBot.Core.Sales.ISalesNames>(sp => sp.GetRequiredService<AeBot.Core.Sales.ISalesData>());
        services.AddScoped<AeBot.Core.Conversation.IConversationStore, AeBot.Data.Conversations.EfConversationStore>();
        services.AddScoped<AeBot.Core.Audit.IAuditLog, AeBot.Data.Conversations.EfAuditLog>();
        services.AddScoped<AeBot.Core.Dialogs.IDialogStore, AeBot.Data.Capture.EfDialogStore>();
        services.AddScoped<AeBot.Core.Work.IWorkData, AeBot.Data.Capture.EfWorkData>();
        services.AddScoped<AeBot.Core.Work.ISalesWrites, AeBot.Data.Capture.EfSalesWrites>();
        services.AddScoped<AeBot.Core.Reminders.IReminderQueries, AeBot.Data.Capture.EfReminderQueries>();
        services.AddScoped<AeBot.Core.Reminders.IReminderDelivery, AeBot.Data.Capture.EfReminderDelivery>();
        services.AddScoped<AeBot.Core.Nudges.INudgeLedger, AeBot.Data.Capture.EfNudgeLedger>();
        services.AddScoped<AeBot.Core.Nudges.INudgeSource, AeBot.Data.Nudges.EfNudgeSource>();
        services.AddScoped<AeBot.Core.Nudges.INudgePreferenceStore, AeBot.Data.Nudges.EfNudgePreferenceStore>();
        // The channels replace this with real delivery; until then proactive messages wait in the outbox.
        services.TryAddScoped<AeBot.Core.Handoff.IProactiveMessenger, AeBot.Data.Capture.OutboxMessenger>();
        services.AddScoped<AeBot.Core.Channels.IChannelAddressBook, AeBot.Data.Channels.EfChannelAddressBook>();
        services.AddScoped<AeBot.Core.Channels.IInboundLedger, AeBot.Data.Channels.EfInboundLedger>();
        services.AddScoped<AeBot.Core.Channels.IChatIdentities, AeBot.Data.Channels.EfChatIdentities>();
        services.AddScoped<AeBot.Core.Channels.IReplyPages, AeBot.Data.Channels.EfReplyPages>();
        services.AddScoped<AeBot.Core.Channels.IChartImages, AeBot.Data.Channels.EfChartImages>();
        services.AddScoped<AeBot.Core.Channels.IInboundQueue, AeBot.Data.Channels.EfInboundQueue>();
        services.AddSingleton<AeBot.Data.Channels.InboundQueueWriter>();
        services.AddSingleton<AeBot.Core.Channels.IInboundInbox>(sp => sp.GetRequiredService<AeBot.Data.Channels.InboundQueueWriter>());
        services.AddScoped<AeBot.Data.Channels.OutboxDelivery>();
        return services;
    }
}
