using System.Text.Json.Nodes;

namespace AeBot.Tests.Slack;

/// <summary>
/// Slack's published Block Kit limits, written here as Slack states them (never the renderer's own constants, so a
/// wrong constant there cannot make its test pass), and the one check of a message against them: FakeSlackApi answers
/// <c>invalid_blocks</c> with it, and the renderer tests assert it.
/// <para>
/// Slack writes every length limit in characters — docs.slack.dev/reference/block-kit/composition-objects/text-object:
/// text "The minimum length is 1 and maximum length is 3000 characters"; …/blocks/section-block: "Maximum length for
/// the text in this field is 3000 characters" — and counts a character as a Unicode code point (its RTM guide sizes
/// 4,000 characters as under 16 KB "even with a message comprised solely of non-BMP Unicode characters at 4 bytes
/// each": one code point, one character). So a Thai vowel or tone mark is a character of its own, not part of the
/// letter it sits on: ที่ is three. Lengths here are code points — not UTF-16 units, which would count an emoji
/// twice, and never grapheme clusters, which would let through Thai text Slack refuses.
/// </para>
/// </summary>
internal static class SlackLimits
{
    public const int Blocks = 50;          // docs.slack.dev/reference/block-kit/blocks: "up to 50 blocks in each message"
    public const int BlockId = 255;        // …/blocks/section-block, …/context-block, …/actions-block: block_id "Maximum length … is 255 characters"
    public const int SectionText = 3000;   // …/blocks/section-block: text "Maximum length … is 3000 characters"
    public const int Fields = 10;          // …/blocks/section-block: fields "Maximum number of items is 10"
    public const int FieldText = 2000;     // …/blocks/section-block: "Maximum length for the text in each item is 2000 characters"
    public const int HeaderText = 150;     // …/blocks/header-block: text "Maximum length for the text in this field is 150 characters"
    public const int ContextElements = 10; // …/blocks/context-block: elements "Maximum number of items is 10"
    public const int ActionElements = 25;  // …/blocks/actions-block: "There is a maximum of 25 elements in each action block"
    public const int ButtonText = 75;      // …/block-elements/button-element: text "Maximum length … is 75 characters"
    public const int ButtonValue = 2000;   // …/block-elements/button-element: value "Maximum length … is 2000 characters"
    public const int ActionId = 255;       // …/block-elements/button-element, …/select-menu-element: action_id "Maximum length … is 255 characters"
    public const int SelectOptions = 100;  // …/block-elements/select-menu-element: static_select options "Maximum number of options is 100"
    public const int Placeholder = 150;    // …/block-elements/select-menu-element: placeholder "Maximum length … is 150 characters"
    public const int OptionText = 75;      // …/composition-objects/option-object: text "Maximum length … is 75 characters"
    public const int OptionValue = 150;    // …/composition-objects/option-object: value "Maximum length for this field is 150 characters"
    public const int FallbackText = 40000; // docs.slack.dev/reference/methods/chat.postMessage: text is truncated past 40,000 characters

    /// <summary>Every way <paramref name="blocks"/> breaks a limit above; empty when Slack would take them.</summary>
    public static List<string> Violations(JsonNode? blocks)
    {
        var found = new List<string>();
        if (blocks is JsonValue v && v.TryGetValue<string>(out var text))
            blocks = JsonNode.Parse(text); // a form sends blocks as a JSON string
        if (blocks is null)
            return found;
        if (blocks is not JsonArray list)
            return ["blocks must be an array"];
        if (list.Count > Blocks)
            found.Add($"{list.Count} blocks, more than {Blocks}");
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject block)
            {
                found.Add($"block {i} is not an object");
                continue;
            }
            var at = $"block {i} ({block["type"]?.GetValue<string>()})";
            if (Length(block["block_id"]) > BlockId)
                found.Add($"{at}: block_id longer than {BlockId}");
            switch (block["type"]?.GetValue<string>())
            {
                case "section":
                    if (Text(block["text"]) > SectionText)
                        found.Add($"{at}: text of {Text(block["text"])} characters, more than {SectionText}");
                    if (block["fields"] is JsonArray fields)
                    {
                        if (fields.Count > Fields)
                            found.Add($"{at}: {fields.Count} fields, more than {Fields}");
                        if (fields.FirstOrDefault(f => Text(f) > FieldText) is { } field)
                            found.Add($"{at}: a field of {Text(field)} characters, more than {FieldText}");
                    }
                    if (block["text"] is null && block["fields"] is null)
                        found.Add($"{at}: neither text nor fields");
                    if (block["accessory"] is JsonObject accessory)
                        found.AddRange(Element(accessory, at));
                    break;
                case "header":
                    if (Text(block["text"]) > HeaderText)
                        found.Add($"{at}: text of {Text(block["text"])} characters, more than {HeaderText}");
                    break;
                case "context":
                    if (block["elements"] is not JsonArray { Count: > 0 } items || items.Count > ContextElements)
                        found.Add($"{at}: {(block["elements"] as JsonArray)?.Count ?? 0} elements, need 1 to {ContextElements}");
                    break;
                case "actions":
                    if (block["elements"] is not JsonArray { Count: > 0 } elements || elements.Count > ActionElements)
                        found.Add($"{at}: {(block["elements"] as JsonArray)?.Count ?? 0} elements, need 1 to {ActionElements}");
                    else
                    {
                        foreach (var element in elements.OfType<JsonObject>())
                            found.AddRange(Element(element, at));
                        // "Should be unique among all other action_ids in the containing block" (button-element).
                        var ids = elements.Select(e => e?["action_id"]?.GetValue<string>()).Where(id => id is not null).ToList();
                        if (ids.Count != ids.Distinct().Count())
                            found.Add($"{at}: action_ids repeat within the block");
                    }
                    break;
            }
        }
        return found;
    }

    private static IEnumerable<string> Element(JsonObject element, string at)
    {
        if (Length(element["action_id"]) > ActionId)
            yield return $"{at}: action_id longer than {ActionId}";
        switch (element["type"]?.GetValue<string>())
        {
            case "button":
                if (Text(element["text"]) is 0 or > ButtonText)
                    yield return $"{at}: button text of {Text(element["text"])} characters, need 1 to {ButtonText}";
                if (Length(element["value"]) > ButtonValue)
                    yield return $"{at}: button value longer than {ButtonValue}";
                break;
            case "static_select":
                if (element["options"] is not JsonArray { Count: > 0 } options || options.Count > SelectOptions)
                {
                    yield return $"{at}: {(element["options"] as JsonArray)?.Count ?? 0} options, need 1 to {SelectOptions}";
                    break;
                }
                if (Text(element["placeholder"]) > Placeholder)
                    yield return $"{at}: placeholder longer than {Placeholder}";
                foreach (var option in options.OfType<JsonObject>())
                    if (Text(option["text"]) is 0 or > OptionText || Length(option["value"]) is 0 or > OptionValue)
                        yield return $"{at}: option \"{option["text"]?["text"]}\" has text over {OptionText} or value over {OptionValue} characters";
                break;
        }
    }

    private static int Text(JsonNode? textObject) => Length(textObject?["text"]);

    /// <summary>Characters as Slack counts them: Unicode code points.</summary>
    internal static int Length(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s.EnumerateRunes().Count() : 0;
}
