using AeBot.Core.Answers;
using AeBot.Core.Conversation;
using AeBot.Core.Turns;
using AeBot.Core.Briefs;
using AeBot.Core.Capture;
using AeBot.Core.Commission;
using AeBot.Core.Handoff;
using AeBot.Core.MyDay;
using AeBot.Core.Playbook;
using AeBot.Core.Reminders;
using AeBot.Core.Understanding;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using AeBot.Core.Work;

namespace AeBot.Core;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Registers the conversation core every channel talks to.</summary>
    public static IServiceCollection AddConversationCore(this IServiceCollection services)
    {
        services.AddSingleton(sp => new PeriodParser(new FiscalCalendar(sp.GetRequiredService<IOptions<AeBotOptions>>().Value.FiscalYearStartMonth)));
        services.AddMemoryCache();
        services.AddScoped<NameCatalog>();
        services.AddSingleton<Understanding.Thai.ThaiWordBreaker>();
        services.AddSingleton<Understanding.Thai.ThaiReader>();
        services.AddScoped<MessageParser>();
        services.AddScoped<AccountFinder>();
        services.AddScoped<Figures>();
        services.AddScoped<QueryAnswers>();
        services.AddScoped<Channels.ChannelTurns>();
        services.AddScoped<PipelineAnswers>();
        services.AddScoped<ResultsAnswers>();
        services.AddScoped<QuotaAnswers>();
        services.AddScoped<TeamAnswers>();
        services.AddScoped<IConversationCore, ConversationCore>();

        // Capture and act.
        services.AddOptions<CaptureOptions>().BindConfiguration(CaptureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.Section)
            .Validate(o => o.Checklist.All(i => !string.IsNullOrWhiteSpace(i.Title) && i.DueInDays is >= 0 and <= 365), "Handoff:Checklist items need a Title and DueInDays between 0 and 365.")
            .ValidateOnStart();
        services.AddOptions<CommissionOptions>().BindConfiguration(CommissionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PlaybookOptions>().BindConfiguration(PlaybookOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.Path) || File.Exists(o.Path), "Playbook:Path names a file that does not exist.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<PlaybookOptions>>().Value.Path;
            if (string.IsNullOrWhiteSpace(path))
                return ObjectionPlaybook.Default();
            using var file = File.OpenRead(path);
            return ObjectionPlaybook.Load(file);
        });
        services.TryAddSingleton<IReminderScheduler, StoredReminderScheduler>();
        services.TryAddScoped<Crm.ICrmConflicts, Crm.NoCrmConflicts>();
        services.TryAddScoped<Crm.IDataFreshness, Crm.AlwaysFresh>();
        services.AddScoped<CaptureAbilities>();
        services.AddScoped<BriefAbility>();
        services.AddScoped<MyDayAbility>();
        services.AddScoped<Help.Greetings>();
        services.AddScoped<Nudges.DailyDigests>();
        services.AddScoped<Nudges.UnscheduledNudges>();
        services.AddScoped<Nudges.WeeklyDigests>();
        services.AddScoped<Nudges.NudgeSettingsAbility>();
        services.AddScoped<PlaybookAbility>();
        services.AddScoped<CommissionAbility>();
        return services;
    }
}
