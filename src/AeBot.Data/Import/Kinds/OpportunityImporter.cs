using AeBot.Core.Opportunities;
using AeBot.Core.Organization;

namespace AeBot.Data.Import.Kinds;

internal sealed class OpportunityImporter(ImportSession session, HeaderMap map) : KindImporter(session, map)
{
    public override async Task ImportBatchAsync(IReadOnlyList<CsvRow> rows, CancellationToken cancellationToken)
    {
        var keyed = new List<(CsvRow Row, string ExternalId)>(rows.Count);
        foreach (var row in rows)
        {
            var id = Get(row, "id");
            var name = Get(row, "name");
            if (id is null && name is null)
            {
                Result.Reject(row.Line, "no opportunity name or id");
                continue;
            }
            keyed.Add((row, id ?? NaturalKey.For(ImportKind.Opportunities, name, Get(row, "account") ?? Get(row, "account_id"))));
        }

        var existing = await ExistingAsync<Opportunity>(keyed.Select(k => k.ExternalId), cancellationToken);
        var writer = S.Writer<Opportunity>();
        foreach (var (row, externalId) in keyed)
        {
            existing.TryGetValue(externalId, out var deal);
            var duplicate = await NoteDuplicateAsync<Opportunity>(externalId, deal?.Id, row, cancellationToken);
            var isNew = deal is null;
            object?[]? before = isNew ? null : writer.Snapshot(deal!);
            (string, StageCategory, DateOnly?, decimal?, decimal?)? previous = isNew ? null : (deal!.Stage, deal.StageCategory, deal.CloseDate, deal.Amount, deal.Probability);

            var reason = await ApplyAsync(row, externalId, deal, cancellationToken);
            if (reason.Deal is null)
            {
                if (duplicate)
                    Result.Duplicates--; // booked as rejected instead
                Result.Reject(row.Line, reason.Error!);
                continue;
            }
            deal = reason.Deal;

            var changed = await SaveAsync(deal, before, cancellationToken, d => d.UpdatedAt = S.Now);
            if (isNew)
                existing[externalId] = deal;

            if (isNew || previous != (deal.Stage, deal.StageCategory, deal.CloseDate, deal.Amount, deal.Probability))
                await S.Writer<OpportunityHistory>().InsertAsync(Snapshot(deal), cancellationToken);
            Count(duplicate, isNew, changed);
        }
    }

    private OpportunityHistory Snapshot(Opportunity deal) => new()
    {
        OpportunityId = deal.Id,
        ChangedAt = S.Now,
        Stage = deal.Stage,
        StageCategory = deal.StageCategory,
        CloseDate = deal.CloseDate,
        Amount = deal.Amount,
        Probability = deal.Probability,
    };

    private async Task<(Opportunity? Deal, string? Error)> ApplyAsync(CsvRow row, string externalId, Opportunity? deal, CancellationToken ct)
    {
        var line = row.Line;

        // Stage and whether it is open, won or lost: the one thing a deal cannot be imported without.
        var stageText = Get(row, "stage");
        var fromStatus = S.Stages.FromStatus(Get(row, "status"));
        StageCategory? fromFlags = null;
        if (Get(row, "is_won") is { } wonText && ValueParsers.TryParseBool(wonText, out var won))
        {
            var closed = Get(row, "is_closed") is { } closedText && ValueParsers.TryParseBool(closedText, out var c) ? c : won;
            fromFlags = won ? StageCategory.Won : closed ? StageCategory.Lost : StageCategory.Open;
        }
        string stage;
        StageCategory category;
        if (stageText is not null)
        {
            stage = S.StageNames.Canonicalize(stageText, out var corrected);
            if (corrected)
                Result.Warn($"stage '{stageText}' read as '{stage}'", line);
            category = fromStatus ?? fromFlags ?? S.Stages.Classify(stage);
        }
        else if ((fromStatus ?? fromFlags) is { } known)
        {
            category = known;
            stage = known switch { StageCategory.Won => "Closed Won", StageCategory.Lost => "Closed Lost", _ => "Open" };
        }
        else if (deal is not null)
        {
            stage = deal.Stage;
            category = deal.StageCategory;
        }
        else
        {
            return (null, "no stage: cannot tell whether the deal is open, won or lost");
        }

        // Owner: by e-mail or name; a deal with none is kept under "Unassigned" for an admin to hand out.
        var ownerText = Get(row, "owner_email") ?? Get(row, "owner");
        Rep? owner = null; // stays null only when the file carries no owners and the deal keeps its stored one
        if (ownerText is not null)
            owner = await S.RepAsync(ownerText, RepRole.Rep, ct);
        else if (deal is null || Map.Has("owner") || Map.Has("owner_email"))
        {
            owner = await S.UnassignedAsync(ct);
            Result.Warn("no owner; assigned to 'Unassigned'", line);
        }

        var accountName = Get(row, "account");
        var accountId = Get(row, "account_id");
        var account = await S.AccountAsync(accountId, accountName, owner, line, ct);

        var name = Get(row, "name") ?? deal?.Name ?? (account is not null ? $"{account.Name} deal" : $"Deal {externalId}");

        var (amount, amountCurrency) = S.Money(Get(row, "amount"), "amount", line);
        var currency = S.Currency(Get(row, "currency"), amountCurrency, line);

        decimal? probability = null;
        var fraction = Get(row, "probability") is null;
        if ((Get(row, "probability") ?? Get(row, "probability_fraction")) is { } probabilityText)
        {
            if (ValueParsers.TryParsePercent(probabilityText, fraction, out var p))
                probability = p;
            else
                Result.Warn("probability not a percentage; imported without it", line);
        }
        probability ??= category switch { StageCategory.Won => 100m, StageCategory.Lost => 0m, _ => null };

        var forecast = ParseForecast(Get(row, "forecast_category"), line) ?? DeriveForecast(category, probability);
        var closeDate = S.Date(Get(row, "close_date"), "close date", line);
        if (closeDate is null && category != StageCategory.Open && Map.Has("close_date"))
            Result.Warn("closed deal without a close date", line);

        deal ??= new Opportunity { Name = name, Currency = currency, Stage = stage, ExternalId = externalId, CreatedAt = S.Now };
        deal.Name = S.Truncate(name, 300, "opportunity name", line)!;
        deal.Stage = S.Truncate(stage, 100, "stage", line)!;
        deal.StageCategory = category;
        if (owner is not null)
            deal.OwnerId = owner.Id;
        if (Map.Has("account") || Map.Has("account_id"))
            deal.AccountId = account?.Id;
        if (Map.Has("amount"))
            deal.Amount = amount;
        if (Map.Has("amount") || Map.Has("currency"))
            deal.Currency = currency;
        if (Map.Has("probability") || Map.Has("probability_fraction") || deal.Id == 0 || category != StageCategory.Open)
            deal.Probability = probability;
        deal.ForecastCategory = forecast;
        if (Map.Has("close_date"))
            deal.CloseDate = closeDate;
        if (Get(row, "created_date") is { } created && S.Instant(created, "created date", line) is { } createdAt)
            deal.CreatedAt = createdAt;
        if (Map.Has("next_step"))
            deal.NextStep = S.Truncate(Get(row, "next_step"), 1000, "next step", line);
        if (Map.Has("next_step_due"))
            deal.NextStepDue = S.Date(Get(row, "next_step_due"), "next step due date", line);
        if (Get(row, "type") is { } typeText)
            deal.Type = ParseType(typeText, line);
        if (Map.Has("loss_reason"))
            deal.LossReason = S.Truncate(Get(row, "loss_reason"), 500, "loss reason", line);
        if (Map.Has("product"))
            deal.ProductId = (await S.ProductAsync(Get(row, "product"), ct))?.Id;
        if (Get(row, "last_activity") is { } lastActivity)
            deal.LastEngagedAt = S.Instant(lastActivity, "last activity date", line) ?? deal.LastEngagedAt;
        return (deal, null);
    }

    private ForecastCategory? ParseForecast(string? text, int line)
    {
        if (text is null)
            return null;
        var forecast = ForecastFromName(text);
        if (forecast is null)
            Result.Warn($"forecast category '{text}' not known; derived from probability", line);
        return forecast;
    }

    /// <summary>A forecast category as CRMs name it (Salesforce's ForecastCategoryName, export columns); null when unknown.</summary>
    internal static ForecastCategory? ForecastFromName(string text) => ColumnSynonyms.Normalize(text) switch
    {
        "pipeline" or "pipe" or "upside" => ForecastCategory.Pipeline,
        "bestcase" or "best" or "probable" => ForecastCategory.BestCase,
        "commit" or "committed" or "commitment" => ForecastCategory.Commit,
        "closed" or "won" or "closedwon" => ForecastCategory.Closed,
        "omitted" or "omit" or "lost" or "closedlost" => ForecastCategory.Omitted,
        _ => null,
    };

    /// <summary>A deal's forecast category when its CRM names none: by outcome, then by probability (percent).</summary>
    internal static ForecastCategory DeriveForecast(StageCategory category, decimal? probability) => category switch
    {
        StageCategory.Won => ForecastCategory.Closed,
        StageCategory.Lost => ForecastCategory.Omitted,
        _ => probability switch
        {
            >= 80m => ForecastCategory.Commit,
            >= 50m => ForecastCategory.BestCase,
            _ => ForecastCategory.Pipeline,
        },
    };

    private OpportunityType ParseType(string text, int line)
    {
        if (TypeFromName(text) is { } type)
            return type;
        Result.Warn($"type '{text}' not known; read as new business", line);
        return OpportunityType.NewBusiness;
    }

    /// <summary>A deal's type as CRMs name it ("Existing Customer - Upgrade", "Renewal", "New Business"); null when unknown.</summary>
    internal static OpportunityType? TypeFromName(string text)
    {
        var key = ColumnSynonyms.Normalize(text);
        if (key.Contains("renew"))
            return OpportunityType.Renewal;
        if (key.Contains("upsell") || key.Contains("upgrade") || key.Contains("expansion") || key.Contains("crosssell")
            || key.Contains("existing") || key.Contains("addon"))
            return OpportunityType.Upsell;
        if (key.Contains("new"))
            return OpportunityType.NewBusiness;
        return null;
    }
}
