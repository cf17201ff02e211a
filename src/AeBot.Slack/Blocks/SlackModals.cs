using System.Globalization;
using System.Text.Json.Nodes;
using AeBot.Core.Text;
using AeBot.Slack.Text;

namespace AeBot.Slack.Blocks;

/// <summary>
/// The two modals: "Log interaction" (from the global or message shortcut, or <c>/ae log</c>) and "Update deal"
/// (<c>/ae update</c>). A submission is checked at once — field errors go back through <c>response_action:
/// errors</c> — and then becomes the same one-sentence command a rep could type, so the core applies its own
/// understanding, access rules, confirmation and undo. Labels, hints and errors are in the person's language; the
/// modal carries it (<c>private_metadata</c>) so its field errors come back in the same language.
/// </summary>
internal static class SlackModals
{
    public const string LogCallback = "log_interaction";
    public const string LogFromMessageCallback = "log_interaction_from_message";
    public const string UpdateCallback = "update_deal";
    public const int MaxInputLength = 2900;

    private static readonly string[] Types = ["call", "meeting", "email", "note"];
    private static readonly string[] Fields = ["stage", "amount", "close date", "next step"];

    public static JsonObject LogInteraction(string? summary) => LogInteraction(summary, ReplyLanguage.English);

    public static JsonObject LogInteraction(string? summary, ReplyLanguage language) => Modal(LogCallback, language, nameof(SlackTexts.Log_Title), nameof(SlackTexts.Log_Submit),
    [
        Input("type", T(language, nameof(SlackTexts.Log_Type)), Select("type", Types, "call", language, "Type_")),
        Input("account", T(language, nameof(SlackTexts.Log_Account)), TextInput("account", T(language, nameof(SlackTexts.Log_AccountHint)), multiline: false)),
        Input("summary", T(language, nameof(SlackTexts.Log_Summary)), TextInput("summary", T(language, nameof(SlackTexts.Log_SummaryHint)), multiline: true, summary)),
        Input("next", T(language, nameof(SlackTexts.Log_Next)), TextInput("next", T(language, nameof(SlackTexts.Log_NextHint)), multiline: false), optional: true),
        Input("due", T(language, nameof(SlackTexts.Log_Due)), new JsonObject { ["type"] = "datepicker", ["action_id"] = "due" }, optional: true),
    ]);

    public static JsonObject UpdateDeal() => UpdateDeal(ReplyLanguage.English);

    public static JsonObject UpdateDeal(ReplyLanguage language) => Modal(UpdateCallback, language, nameof(SlackTexts.Update_Title), nameof(SlackTexts.Update_Submit),
    [
        Input("deal", T(language, nameof(SlackTexts.Update_Deal)), TextInput("deal", T(language, nameof(SlackTexts.Update_DealHint)), multiline: false)),
        Input("field", T(language, nameof(SlackTexts.Update_Field)), Select("field", Fields, "stage", language, "Field_")),
        Input("value", T(language, nameof(SlackTexts.Update_Value)), TextInput("value", T(language, nameof(SlackTexts.Update_ValueHint)), multiline: false)),
    ]);

    /// <summary>The language a modal was opened in (its <c>private_metadata</c>); English for one opened before it carried one.</summary>
    public static ReplyLanguage LanguageOf(JsonObject? view) =>
        ReplyLanguage.FromCode(view?["private_metadata"] is JsonValue v && v.TryGetValue<string>(out var code) ? code : null) ?? ReplyLanguage.English;

    /// <summary>Field errors by block id; empty when the submission can go ahead.</summary>
    public static Dictionary<string, string> Validate(string callback, JsonObject values, DateOnly today) => Validate(callback, values, today, ReplyLanguage.English);

    public static Dictionary<string, string> Validate(string callback, JsonObject values, DateOnly today, ReplyLanguage language)
    {
        var errors = new Dictionary<string, string>();
        void Required(string block, string message)
        {
            if (string.IsNullOrWhiteSpace(Value(values, block)))
                errors[block] = message;
            else if (Value(values, block)!.Length > MaxInputLength)
                errors[block] = T(language, nameof(SlackTexts.Error_TooLong), MaxInputLength);
        }
        switch (callback)
        {
            case LogCallback or LogFromMessageCallback:
                Required("account", T(language, nameof(SlackTexts.Error_Account)));
                Required("summary", T(language, nameof(SlackTexts.Error_Summary)));
                if (Value(values, "due") is { } due && DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date < today)
                    errors["due"] = T(language, nameof(SlackTexts.Error_DueInPast));
                if (Value(values, "due") is not null && string.IsNullOrWhiteSpace(Value(values, "next")))
                    errors["next"] = T(language, nameof(SlackTexts.Error_Next));
                break;
            case UpdateCallback:
                Required("deal", T(language, nameof(SlackTexts.Error_Deal)));
                Required("value", T(language, nameof(SlackTexts.Error_Value)));
                var field = Value(values, "field");
                var value = Value(values, "value");
                if (value is not null && field == "amount" && !decimal.TryParse(value.Replace(",", "").TrimStart('$', '€', '£'), NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                    errors["value"] = T(language, nameof(SlackTexts.Error_Amount));
                if (value is not null && field == "close date" && !DateOnly.TryParse(value, CultureInfo.InvariantCulture, out _) && !value.Contains("month") && !value.Contains("week"))
                    errors["value"] = T(language, nameof(SlackTexts.Error_CloseDate));
                break;
            default:
                errors["_"] = T(language, nameof(SlackTexts.Error_UnknownForm));
                break;
        }
        return errors;
    }

    /// <summary>The submission as the sentence a rep would type.</summary>
    public static string Sentence(string callback, JsonObject values)
    {
        if (callback == UpdateCallback)
        {
            var deal = Value(values, "deal")!.Trim();
            var value = Value(values, "value")!.Trim();
            return Value(values, "field") switch
            {
                "amount" => $"change the amount of {deal} to {value}",
                "close date" => $"push {deal} to {value}",
                "next step" => $"next step for {deal} is {value}",
                _ => $"move {deal} to {value}",
            };
        }
        var sentence = $"Logged a {Value(values, "type") ?? "call"} with {Value(values, "account")!.Trim()} — {Value(values, "summary")!.Trim().Replace('\n', ' ')}";
        if (Value(values, "next") is { Length: > 0 } next)
            sentence += $", next step {next.Trim()}" + (Value(values, "due") is { } due ? $" by {due}" : "");
        return sentence;
    }

    /// <summary>A field's value from view.state.values (text, selected option or date).</summary>
    public static string? Value(JsonObject values, string block)
    {
        var element = values[block]?[block];
        var value = element?["value"]?.GetValue<string>()
            ?? element?["selected_option"]?["value"]?.GetValue<string>()
            ?? element?["selected_date"]?.GetValue<string>();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static JsonObject Modal(string callback, ReplyLanguage language, string title, string submit, JsonNode[] blocks) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callback,
        ["title"] = Plain(T(language, title)),
        ["submit"] = Plain(T(language, submit)),
        ["close"] = Plain(T(language, nameof(SlackTexts.Cancel))),
        ["private_metadata"] = language.Code,
        ["blocks"] = new JsonArray(blocks),
    };

    private static JsonObject Input(string id, string label, JsonObject element, bool optional = false) => new()
    {
        ["type"] = "input",
        ["block_id"] = id,
        ["label"] = Plain(label),
        ["optional"] = optional,
        ["element"] = element,
    };

    private static JsonObject TextInput(string id, string placeholder, bool multiline, string? initial = null)
    {
        var input = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = id, ["multiline"] = multiline, ["placeholder"] = Plain(placeholder), ["max_length"] = MaxInputLength };
        if (!string.IsNullOrWhiteSpace(initial))
            input["initial_value"] = TextElements.Prefix(initial, MaxInputLength);
        return input;
    }

    /// <summary>A choice whose values stay the English words the sentence is made of; its labels are in the person's language.</summary>
    private static JsonObject Select(string id, string[] options, string initial, ReplyLanguage language, string keyPrefix)
    {
        JsonObject Option(string o) => new() { ["text"] = Plain(T(language, keyPrefix + o.Replace(' ', '_'))), ["value"] = o };
        return new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = id,
            ["options"] = new JsonArray(options.Select(o => (JsonNode)Option(o)).ToArray()),
            ["initial_option"] = Option(initial),
        };
    }

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(SlackTexts.ResourceManager, key, args);

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };
}
