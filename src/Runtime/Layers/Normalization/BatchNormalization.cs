namespace Layers;

/// <summary>
/// Normalizes each feature along <see cref="Axis"/> with batch statistics while training and moving
/// statistics otherwise (Keras' <c>BatchNormalization</c>): <c>(x − mean) / √(var + ε) · γ + β</c>. In
/// training the moving statistics move as <c>moving = moving · momentum + batch · (1 − momentum)</c>
/// (batch variance biased, as Keras). A frozen layer (<c>Trainable = false</c>) always runs in inference
/// mode, as in Keras 3. Weights: gamma, beta (trainable), moving_mean, moving_variance (non-trainable).
/// </summary>
public sealed partial class BatchNormalization(
    int axis = -1,
    double momentum = 0.99,
    double epsilon = 1e-3,
    bool center = true,
    bool scale = true,
    Initializer? betaInitializer = null,
    Initializer? gammaInitializer = null,
    Initializer? movingMeanInitializer = null,
    Initializer? movingVarianceInitializer = null,
    Regularizer? betaRegularizer = null,
    Regularizer? gammaRegularizer = null,
    Constraint? betaConstraint = null,
    Constraint? gammaConstraint = null,
    bool synchronized = false,
    string? name = null,
    DTypePolicy? dtype = null,
    bool trainable = true)
    : Layer(name, dtype, trainable)
{
    private int[] _reductionAxes = [];
    private int[] _broadcastShape = [];
    private bool _axisIsLast;

    public int Axis { get; } = axis;
    public double Momentum { get; } = momentum is >= 0 and <= 1 ? momentum : throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "BatchNormalization: momentum must be in [0, 1].");
    public double Epsilon { get; } = epsilon > 0 ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "BatchNormalization: epsilon must be positive.");
    public bool Center { get; } = center;
    public bool Scale { get; } = scale;
    public Initializer BetaInitializer { get; } = betaInitializer ?? new Zeros();
    public Initializer GammaInitializer { get; } = gammaInitializer ?? new Ones();
    public Initializer MovingMeanInitializer { get; } = movingMeanInitializer ?? new Zeros();
    public Initializer MovingVarianceInitializer { get; } = movingVarianceInitializer ?? new Ones();
    public Regularizer? BetaRegularizer { get; } = betaRegularizer;
    public Regularizer? GammaRegularizer { get; } = gammaRegularizer;
    public Constraint? BetaConstraint { get; } = betaConstraint;
    public Constraint? GammaConstraint { get; } = gammaConstraint;

    /// <summary>Kept for config fidelity; a single process has nothing to synchronize across.</summary>
    public bool Synchronized { get; } = synchronized;

    public Variable? Gamma { get; private set; }
    public Variable? Beta { get; private set; }
    public Variable MovingMean { get; private set; } = null!;
    public Variable MovingVariance { get; private set; } = null!;

    protected override void OnBuild(Shape inputShape)
    {
        int axis = Shape.NormalizeAxis(Axis, inputShape.Rank, $"BatchNormalization '{Name}'");
        int features = inputShape[axis];
        if (features == Shape.Unknown)
            throw new ArgumentException($"BatchNormalization '{Name}': axis {Axis} of input shape {inputShape} must be known.");
        InputSpec = new InputSpec(ndim: inputShape.Rank, axes: new Dictionary<int, int> { [axis] = features });
        _reductionAxes = [.. Enumerable.Range(0, inputShape.Rank).Where(i => i != axis)];
        _broadcastShape = [.. Enumerable.Range(0, inputShape.Rank).Select(i => i == axis ? features : 1)];
        _axisIsLast = axis == inputShape.Rank - 1;
        var shape = new Shape(features);
        if (Scale) Gamma = AddWeight(shape, GammaInitializer, regularizer: GammaRegularizer, constraint: GammaConstraint, name: "gamma");
        if (Center) Beta = AddWeight(shape, BetaInitializer, regularizer: BetaRegularizer, constraint: BetaConstraint, name: "beta");
        MovingMean = AddWeight(shape, MovingMeanInitializer, trainable: false, name: "moving_mean");
        MovingVariance = AddWeight(shape, MovingVarianceInitializer, trainable: false, name: "moving_variance");
    }

    protected override Tensor Call(Tensor inputs, bool training)
    {
        Tensor mean, variance;
        if (training && Trainable)
        {
            mean = Ops.Mean(inputs, _reductionAxes, keepDims: true);
            variance = Ops.Variance(inputs, _reductionAxes, keepDims: true);
            UpdateMovingStatistics(mean, variance);
        }
        else
        {
            mean = Broadcastable(MovingMean);
            variance = Broadcastable(MovingVariance);
        }
        var outputs = Ops.Multiply(Ops.Subtract(inputs, mean), Ops.Rsqrt(Ops.Add(variance, Epsilon)));
        if (Gamma is not null) outputs = Ops.Multiply(outputs, Broadcastable(Gamma));
        if (Beta is not null) outputs = Ops.Add(outputs, Broadcastable(Beta));
        return outputs;
    }

    private void UpdateMovingStatistics(Tensor mean, Tensor variance)
    {
        using var _ = GradientTape.NoGrad();
        MovingMean.Assign(Ops.Add(Ops.Multiply(MovingMean, Momentum), Ops.Multiply(Ops.Reshape(mean, MovingMean.Shape), 1 - Momentum)));
        MovingVariance.Assign(Ops.Add(Ops.Multiply(MovingVariance, Momentum), Ops.Multiply(Ops.Reshape(variance, MovingVariance.Shape), 1 - Momentum)));
    }

    /// <summary>A per-feature weight shaped to broadcast against the input (a no-op view when the axis is last).</summary>
    private Tensor Broadcastable(Variable weight) => _axisIsLast ? weight.Value : Ops.Reshape(weight.Value, _broadcastShape);

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}
