using System.Globalization;

namespace AeBot.Core.Money;

/// <summary>An amount with its currency. Amounts in different currencies never add up silently.</summary>
public readonly record struct Money
{
    public Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = CurrencyCode.Require(currency);
    }

    public decimal Amount { get; }

    /// <summary>ISO 4217 code, upper case.</summary>
    public string Currency { get; }

    public static Money operator +(Money a, Money b)
    {
        if (a.Currency != b.Currency)
            throw new InvalidOperationException($"Cannot add {a.Currency} to {b.Currency} without a conversion.");
        return new Money(a.Amount + b.Amount, a.Currency);
    }

    public override string ToString() => $"{Amount.ToString("N2", CultureInfo.InvariantCulture)} {Currency}";
}
