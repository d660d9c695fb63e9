namespace Microsoft.ML.NoisyLabels.Training
{
    /// <summary>What training does when a batch's loss or gradient is not finite twice in a row (see <see cref="SegmentationTrainerOptionsBase.NonFiniteLoss"/>).</summary>
    public enum NonFiniteLossHandling
    {
        /// <summary>
        /// Restore the weights of the start of the epoch, halve the learning rate and go on; after
        /// five roll-backs in one run, stop with an <see cref="InvalidOperationException"/>.
        /// </summary>
        RollBack = 0,

        /// <summary>Stop at once with an <see cref="InvalidOperationException"/> that names the epoch and the batch.</summary>
        Throw = 1,
    }
}
