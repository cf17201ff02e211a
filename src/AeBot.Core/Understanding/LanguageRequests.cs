using System.Text.RegularExpressions;

namespace AeBot.Core.Understanding;

/// <summary>
/// A request to change the reply language or the year style, as a whole message: "ตอบเป็นภาษาไทย", "reply in
/// English", "ใช้ปี ค.ศ.", "show Buddhist era years". Whole messages only, so a question that mentions Thai
/// ("Thai deals this quarter") is never taken for a setting.
/// </summary>
public static partial class LanguageRequests
{
    public static LanguageReading? Read(string normalized)
    {
        var text = Polite().Replace(normalized.Trim().ToLowerInvariant(), "").Trim().TrimEnd('.', '!', '?').Trim();
        if (text.Length == 0)
            return null;
        if (ThaiLanguage().IsMatch(text))
            return new LanguageReading("th", null) { Evidence = ["language: th"] };
        if (EnglishLanguage().IsMatch(text))
            return new LanguageReading("en", null) { Evidence = ["language: en"] };
        if (BuddhistYears().IsMatch(text))
            return new LanguageReading(null, true) { Evidence = ["years: buddhist era"] };
        if (GregorianYears().IsMatch(text))
            return new LanguageReading(null, false) { Evidence = ["years: gregorian"] };
        return null;
    }

    // Politeness and softeners at the end of a Thai request, and "please" in English: not part of what is asked.
    [GeneratedRegex(@"(\s*(ครับ|ค่ะ|คะ|คับ|จ้า|จ้ะ|นะ|หน่อย|ด้วย|please|pls|thanks|thank you))+\s*[.!]?$|^(please|pls|can you|could you)\s+")]
    private static partial Regex Polite();

    [GeneratedRegex(@"^((ช่วย)?(ตอบ|พูด|คุย|ใช้|เปลี่ยน(เป็น)?|สลับ(เป็น)?|แสดง)\s*(เป็น|ด้วย)?\s*)?ภาษาไทย(\s*(ได้ไหม|ได้มั้ย|ได้ไหม))?$|^(reply|answer|respond|speak|talk|write)( to me)? in thai( from now on)?$|^(switch|change)( (the )?language)? to thai$|^(use )?thai( language)?$")]
    private static partial Regex ThaiLanguage();

    [GeneratedRegex(@"^((ช่วย)?(ตอบ|พูด|คุย|ใช้|เปลี่ยน(เป็น)?|สลับ(เป็น)?|แสดง)\s*(เป็น|ด้วย)?\s*)?ภาษาอังกฤษ(\s*(ได้ไหม|ได้มั้ย))?$|^(reply|answer|respond|speak|talk|write)( to me)? in english( from now on)?$|^(switch|change)( (the )?language)? (back )?to english$|^(use )?english( language)?$")]
    private static partial Regex EnglishLanguage();

    [GeneratedRegex(@"^(ใช้|แสดง|เปลี่ยนเป็น)\s*(ปี\s*)?พ\.?\s?ศ\.?$|^(show|use) (buddhist( era)?|be) years$|^(show )?years in (the )?buddhist era$")]
    private static partial Regex BuddhistYears();

    [GeneratedRegex(@"^(ใช้|แสดง|เปลี่ยนเป็น)\s*(ปี\s*)?ค\.?\s?ศ\.?$|^(show|use) (gregorian|western|ce|ad) years$|^(show )?years in (the )?gregorian( calendar)?$")]
    private static partial Regex GregorianYears();
}
