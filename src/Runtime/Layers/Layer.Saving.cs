namespace Layers;

public abstract partial class Layer
{
    /// <summary>
    /// Saves every weight of this layer's tree to a safetensors file (Keras' <c>save_weights</c>), keyed by
    /// structural path (<see cref="WeightKeys"/>), with the input shapes of built layers in the metadata so
    /// an unbuilt copy can be built on load. The write is atomic: the previous file survives any failure.
    /// </summary>
    public void SaveWeights(string path) => WeightsFile.Save(this, path);

    /// <summary>
    /// Loads weights saved by <see cref="SaveWeights"/> (Keras' <c>load_weights</c>), matching them by key,
    /// so their order in the file does not matter. Unbuilt layers the file has weights for are first built
    /// with the input shapes recorded in the file. Everything is checked before any weight changes — every
    /// expected key present, no unexpected key, each dtype and shape exact — and a failed load changes no
    /// weight.
    /// </summary>
    /// <exception cref="WeightsMismatchException">The file does not fit this layer; the message lists every difference.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors.</exception>
    public void LoadWeights(string path) => WeightsFile.Load(this, path);

    /// <summary>
    /// Sets weights from tensors keyed by structural path (as <see cref="WeightKeys"/> computes them), with
    /// the same all-or-nothing checks as <see cref="LoadWeights(string)"/>. A model uses it to load the
    /// weight group of an archive.
    /// </summary>
    public void LoadWeights(IReadOnlyDictionary<string, Tensor> weights) => WeightsFile.Load(this, weights);

    /// <summary>This layer's own weights (not its sublayers'), in <see cref="Weights"/> order.</summary>
    internal Variable[] OwnWeights()
    {
        EnsureEagerWeights();
        lock (_stateLock)
            return [.. _trainableBucket.Select(w => w.Variable), .. _nonTrainableBucket.Select(w => w.Variable)];
    }
}
