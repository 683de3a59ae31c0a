using Layers;

namespace UserWritten;

// Members the user writes are never generated: ClassName, GetConfig, FromConfig, DefaultTraining. With both
// config methods written, the constructor parameter needs no member.
public sealed partial class Custom : Layer
{
    private readonly Tensor _constant;

    public Custom(Tensor constant) => _constant = constant;

    public override string ClassName => "MyCustom";

    protected override bool DefaultTraining => true;

    public override Config GetConfig() => base.GetConfig();

    public static Custom FromConfig(Config config) => new(Tensor.Zeros(1));

    protected override Tensor Call(Tensor inputs, bool training = false) => inputs + _constant;
}
