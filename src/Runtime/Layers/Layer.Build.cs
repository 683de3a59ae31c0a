namespace Layers;

public abstract partial class Layer
{
    private Shape[]? _buildShapes;
    private bool _defaultOnBuildRan;
    private bool _hasBuildStep;

    /// <summary>The input shapes the layer was built with (one per tensor argument), for <c>build_config</c>; null before build.</summary>
    public IReadOnlyList<Shape>? BuildInputShapes => _buildShapes;

    /// <summary>
    /// Builds the layer for inputs of <paramref name="inputShape"/> (Keras' <c>layer.build(input_shape)</c>):
    /// creates the declared weights, then runs <see cref="OnBuild(Shape)"/>. Does nothing if already built;
    /// safe to call from several threads (the layer is built exactly once).
    /// </summary>
    public void Build(Shape inputShape) => Build([inputShape]);

    /// <summary>Builds a layer whose call takes several tensors (or a list of tensors): one shape per tensor.</summary>
    public void Build(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count == 0)
            throw new ArgumentException($"Layer '{Name}': Build needs at least one input shape.", nameof(inputShapes));
        using (CallContext.EnterScope(this))
            BuildOnce(inputShapes);
    }

    /// <summary>
    /// Override to create state that depends on the input shape (Keras' <c>build</c>), typically with
    /// <see cref="AddWeight"/>. Runs once, after the generated weights exist. Never needs to call the base.
    /// </summary>
    protected virtual void OnBuild(Shape inputShape) => _defaultOnBuildRan = true;

    /// <summary>The multi-input form of <see cref="OnBuild(Shape)"/>: one shape per tensor argument. By default it calls <see cref="OnBuild(Shape)"/> with the first.</summary>
    protected virtual void OnBuild(IReadOnlyList<Shape> inputShapes) => OnBuild(inputShapes[0]);

    /// <summary>Runs the build exactly once; the caller has entered this layer's name scope.</summary>
    private void BuildOnce(IReadOnlyList<Shape> inputShapes)
    {
        if (_built) return;
        lock (_stateLock)
        {
            if (_built) return;
            EnsureEagerWeights();
            int weightsBefore = _creationCounter;
            _building = true;
            _defaultOnBuildRan = false;
            try
            {
                CreateBuildWeights(inputShapes);
                OnBuild(inputShapes);
            }
            finally
            {
                _building = false;
            }
            _buildShapes = [.. inputShapes];
            _hasBuildStep = _creationCounter > weightsBefore || !_defaultOnBuildRan;
            _built = true;
        }
        StateVersion.Bump();
    }

    /// <summary>
    /// Whether building did anything — created weights or ran an overridden <see cref="OnBuild(Shape)"/>. As in
    /// Keras, only such layers write a <c>build_config</c>: rebuilding the others on load is pointless.
    /// </summary>
    internal bool HasBuildStep => _built && _hasBuildStep;

    /// <summary>
    /// Marks the layer unbuilt so it can be built again for a different structure (used by
    /// <see cref="Sequential"/> when layers are added or removed). Existing weights are kept.
    /// </summary>
    private protected void MarkUnbuilt()
    {
        lock (_stateLock)
        {
            _built = false;
            _buildShapes = null;
        }
        StateVersion.Bump();
    }

    /// <summary>
    /// The output shape for inputs of <paramref name="inputShape"/> (unknown dimensions allowed), without
    /// running the layer. Built-in layers implement it so a model can report shapes before data flows.
    /// </summary>
    public virtual Shape ComputeOutputShape(Shape inputShape) =>
        throw new NotSupportedException(
            $"Layer '{Name}' ({ClassName}) does not implement ComputeOutputShape; override it to report output shapes without running the layer.");

    /// <summary>The multi-input form of <see cref="ComputeOutputShape(Shape)"/>.</summary>
    public virtual Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        return ComputeOutputShape(inputShapes[0]);
    }
}
