using System.Globalization;
using System.Resources;

namespace AeBot.Core.Text;

/// <summary>
/// The language a reply, card, nudge or digest is written in, and how its years are shown. Every sentence comes
/// whole from a resource file (<c>*Texts.resx</c>, Thai in <c>*Texts.th.resx</c>): a reply is never assembled from
/// English fragments, because Thai word order differs and a half-translated sentence reads as broken.
/// </summary>
/// <param name="Code">"en" or "th": what is stored as a person's choice.</param>
/// <param name="BuddhistEra">Years shown as พ.ศ. (Gregorian + 543), the Thai default; a person may ask for ค.ศ.</param>
public sealed record ReplyLanguage(string Code, bool BuddhistEra = false)
{
    public static readonly ReplyLanguage English = new("en");
    public static readonly ReplyLanguage Thai = new("th", BuddhistEra: true);

    /// <summary>The culture resources are looked up in; formatting of figures stays invariant (see the formatters).</summary>
    public CultureInfo Culture => IsThai ? CultureInfo.GetCultureInfo("th-TH") : CultureInfo.GetCultureInfo("en-US");

    public bool IsThai => Code == "th";

    /// <summary>The language of a stored code or a channel locale ("th", "th-TH", "en-GB"); null when neither says.</summary>
    public static ReplyLanguage? FromCode(string? code, bool? buddhistEra = null)
    {
        if (string.IsNullOrWhiteSpace(code))
            return null;
        var primary = code.Split('-', '_')[0].Trim().ToLowerInvariant();
        return primary switch
        {
            "th" => Thai with { BuddhistEra = buddhistEra ?? true },
            "en" => English with { BuddhistEra = buddhistEra ?? false },
            _ => null,
        };
    }

    /// <summary>
    /// The reply language of one person: their own choice made in chat, else the locale their chat client
    /// reported, else English (the language AeBot's commands and help were first written in).
    /// </summary>
    public static ReplyLanguage Of(string? chosen, string? locale, bool? buddhistEra) =>
        FromCode(chosen, buddhistEra) ?? FromCode(locale, buddhistEra) ?? English with { BuddhistEra = buddhistEra ?? false };

    /// <summary>One whole sentence from a resource file; a key missing in the language's file is a build defect.</summary>
    public string Text(ResourceManager resources, string key) =>
        resources.GetString(key, Culture) ?? throw new MissingManifestResourceException($"No text '{key}' in {resources.BaseName}.");

    /// <summary>
    /// A sentence with its slots filled. The slots are already-formatted words (names, amounts, dates), so they are
    /// placed as they are: the invariant culture keeps "{0:#,0}" the same in every language.
    /// </summary>
    public string Format(ResourceManager resources, string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Text(resources, key), args);
}

/// <summary>What is stored of a person's language: their choice in chat, their client's locale, their year style.</summary>
public sealed record LanguageChoice(string? Chosen, string? Locale, bool? BuddhistEra);
