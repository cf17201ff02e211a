using System.Globalization;
using System.Text.Json.Nodes;
using AeBot.Core.Text;

namespace AeBot.Slack.Blocks;

/// <summary>
/// The two modals: "Log interaction" (from the global or message shortcut, or <c>/ae log</c>) and "Update deal"
/// (<c>/ae update</c>). A submission is checked at once — field errors go back through <c>response_action:
/// errors</c> — and then becomes the same one-sentence command a rep could type, so the core applies its own
/// understanding, access rules, confirmation and undo.
/// </summary>
internal static class SlackModals
{
    public const string LogCallback = "log_interaction";
    public const string LogFromMessageCallback = "log_interaction_from_message";
    public const string UpdateCallback = "update_deal";
    public const int MaxInputLength = 2900;

    private static readonly string[] Types = ["call", "meeting", "email", "note"];
    private static readonly string[] Fields = ["stage", "amount", "close date", "next step"];

    public static JsonObject LogInteraction(string? summary) => Modal(LogCallback, "Log interaction", "Log",
    [
        Input("type", "Type", Select("type", Types, "call")),
        Input("account", "Account", TextInput("account", "e.g. Acme", multiline: false)),
        Input("summary", "What happened", TextInput("summary", "Pushback on price; they want a revised quote", multiline: true, summary)),
        Input("next", "Next step", TextInput("next", "e.g. send the revised quote", multiline: false), optional: true),
        Input("due", "Next step due", new JsonObject { ["type"] = "datepicker", ["action_id"] = "due" }, optional: true),
    ]);

    public static JsonObject UpdateDeal() => Modal(UpdateCallback, "Update deal", "Update",
    [
        Input("deal", "Deal", TextInput("deal", "e.g. Acme security add-on", multiline: false)),
        Input("field", "What to change", Select("field", Fields, "stage")),
        Input("value", "New value", TextInput("value", "Negotiation · 48000 · 2027-01-31 · send pricing", multiline: false)),
    ]);

    /// <summary>Field errors by block id; empty when the submission can go ahead.</summary>
    public static Dictionary<string, string> Validate(string callback, JsonObject values, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        void Required(string block, string message)
        {
            if (string.IsNullOrWhiteSpace(Value(values, block)))
                errors[block] = message;
            else if (Value(values, block)!.Length > MaxInputLength)
                errors[block] = $"Keep it under {MaxInputLength} characters.";
        }
        switch (callback)
        {
            case LogCallback or LogFromMessageCallback:
                Required("account", "Which account was this with?");
                Required("summary", "Say in a few words what happened.");
                if (Value(values, "due") is { } due && DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date < today)
                    errors["due"] = "A next step can't be due in the past.";
                if (Value(values, "due") is not null && string.IsNullOrWhiteSpace(Value(values, "next")))
                    errors["next"] = "Say what the next step is, or clear the due date.";
                break;
            case UpdateCallback:
                Required("deal", "Which deal?");
                Required("value", "What should it become?");
                var field = Value(values, "field");
                var value = Value(values, "value");
                if (value is not null && field == "amount" && !decimal.TryParse(value.Replace(",", "").TrimStart('$', '€', '£'), NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                    errors["value"] = "An amount is a number, e.g. 48000.";
                if (value is not null && field == "close date" && !DateOnly.TryParse(value, CultureInfo.InvariantCulture, out _) && !value.Contains("month") && !value.Contains("week"))
                    errors["value"] = "A close date like 2027-01-31, or \"next month\".";
                break;
            default:
                errors["_"] = "Unknown form.";
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

    private static JsonObject Modal(string callback, string title, string submit, JsonNode[] blocks) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callback,
        ["title"] = Plain(title),
        ["submit"] = Plain(submit),
        ["close"] = Plain("Cancel"),
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

    private static JsonObject Select(string id, string[] options, string initial)
    {
        JsonObject Option(string o) => new() { ["text"] = Plain(char.ToUpperInvariant(o[0]) + o[1..]), ["value"] = o };
        return new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = id,
            ["options"] = new JsonArray(options.Select(o => (JsonNode)Option(o)).ToArray()),
            ["initial_option"] = Option(initial),
        };
    }

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };
}
