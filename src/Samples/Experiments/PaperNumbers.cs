namespace Microsoft.ML.NoisyLabels.Samples.Experiments
{
    /// <summary>The paper's MNIST figures (docs/METHOD.md, section 8), for orientation beside ours: Dice % and CM error.</summary>
    internal static class PaperNumbers
    {
        private static readonly Dictionary<(Regime, string), (double Dice, double? Error)> s_numbers = new()
        {
            [(Regime.Dense, "mean")] = (38.36, null),
            [(Regime.Dense, "mode")] = (62.89, null),
            [(Regime.Dense, "separate")] = (70.44, null),
            [(Regime.Dense, "staple")] = (78.03, 0.1241),
            [(Regime.Dense, "spatial-staple")] = (78.96, 0.1195),
            [(Regime.Dense, Methods.OursKey(0))] = (79.63, 0.1125),
            [(Regime.Dense, Methods.OursKey(0.7))] = (82.97, 0.0887),
            [(Regime.Dense, "oracle")] = (83.29, 0.0238),
            [(Regime.SingleLabel, "random")] = (32.79, null),
            [(Regime.SingleLabel, Methods.OursKey(0.7))] = (76.51, 0.1324),
        };

        /// <summary>"Dice / error" as the paper gives it, or "-".</summary>
        public static string For(Regime regime, string method)
            => s_numbers.TryGetValue((regime, method), out var n)
                ? n.Error is double e ? FormattableString.Invariant($"{n.Dice:F2} / {e:F4}") : FormattableString.Invariant($"{n.Dice:F2}")
                : "-";
    }
}
