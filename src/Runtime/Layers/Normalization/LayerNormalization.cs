namespace Layers;

/// <summary>
/// Normalizes each sample over <see cref="Axis"/> (Keras' <c>LayerNormalization</c>):
/// <c>(x − mean) / √(var + ε) · γ + β</c>, or with <see cref="RmsScaling"/> <c>x / √(mean(x²) + ε) · γ</c>.
/// Weights: gamma then beta, shaped like the normalized axis.
/// </summary>
public sealed partial class LayerNormalization(
    int axis = -1,
    double epsilon = 1e-3,
    bool center = true,
    bool scale = true,
    bool rmsScaling = false,
    Initializer? betaInitializer = null,
    Initializer? gammaInitializer = null,
    Regularizer? betaRegularizer = null,
    Regularizer? gammaRegularizer = null,
    Constraint? betaConstraint = null,
    Constraint? gammaConstraint = null,
    string? name = null,
    DTypePolicy? dtype = null,
    bool trainable = true)
    : Layer(name, dtype, trainable)
{
    private int[] _broadcastShape = [];
    private int _axis;

    public int Axis { get; } = axis;
    public double Epsilon { get; } = epsilon > 0 ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "LayerNormalization: epsilon must be positive.");
    public bool Center { get; } = center;
    public bool Scale { get; } = scale;
    public bool RmsScaling { get; } = rmsScaling;
    public Initializer BetaInitializer { get; } = betaInitializer ?? new Zeros();
    public Initializer GammaInitializer { get; } = gammaInitializer ?? new Ones();
    public Regularizer? BetaRegularizer { get; } = betaRegularizer;
    public Regularizer? GammaRegularizer { get; } = gammaRegularizer;
    public Constraint? BetaConstraint { get; } = betaConstraint;
    public Constraint? GammaConstraint { get; } = gammaConstraint;

    public Variable? Gamma { get; private set; }
    public Variable? Beta { get; private set; }

    protected override void OnBuild(Shape inputShape)
    {
        _axis = Shape.NormalizeAxis(Axis, inputShape.Rank, $"LayerNormalization '{Name}'");
        int features = inputShape[_axis];
        if (features == Shape.Unknown)
            throw new ArgumentException($"LayerNormalization '{Name}': axis {Axis} of input shape {inputShape} must be known.");
        _broadcastShape = [.. Enumerable.Range(0, inputShape.Rank).Select(i => i == _axis ? features : 1)];
        var shape = new Shape(features);
        if (Scale || RmsScaling) Gamma = AddWeight(shape, GammaInitializer, regularizer: GammaRegularizer, constraint: GammaConstraint, name: "gamma");
        if (Center && !RmsScaling) Beta = AddWeight(shape, BetaInitializer, regularizer: BetaRegularizer, constraint: BetaConstraint, name: "beta");
    }

    protected override Tensor Call(Tensor inputs)
    {
        Tensor outputs;
        if (RmsScaling)
        {
            outputs = Ops.Multiply(inputs, Ops.Rsqrt(Ops.Add(Ops.Mean(Ops.Square(inputs), _axis, keepDims: true), Epsilon)));
        }
        else
        {
            var mean = Ops.Mean(inputs, _axis, keepDims: true);
            var variance = Ops.Variance(inputs, _axis, keepDims: true);
            outputs = Ops.Multiply(Ops.Subtract(inputs, mean), Ops.Rsqrt(Ops.Add(variance, Epsilon)));
        }
        if (Gamma is not null) outputs = Ops.Multiply(outputs, Broadcastable(Gamma));
        if (Beta is not null) outputs = Ops.Add(outputs, Broadcastable(Beta));
        return outputs;
    }

    private Tensor Broadcastable(Variable weight) =>
        _axis == _broadcastShape.Length - 1 ? weight.Value : Ops.Reshape(weight.Value, _broadcastShape);

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}
