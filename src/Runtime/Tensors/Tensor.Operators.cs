namespace Layers;

public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);
    public static Tensor operator +(Tensor a, double b) => Ops.Add(a, b);
    public static Tensor operator +(double a, Tensor b) => Ops.Add(b, a);

    public static Tensor operator -(Tensor a, Tensor b) => Ops.Subtract(a, b);
    public static Tensor operator -(Tensor a, double b) => Ops.Subtract(a, b);
    public static Tensor operator -(double a, Tensor b) => Ops.Subtract(a, b);

    public static Tensor operator *(Tensor a, Tensor b) => Ops.Multiply(a, b);
    public static Tensor operator *(Tensor a, double b) => Ops.Multiply(a, b);
    public static Tensor operator *(double a, Tensor b) => Ops.Multiply(b, a);

    public static Tensor operator /(Tensor a, Tensor b) => Ops.Divide(a, b);
    public static Tensor operator /(Tensor a, double b) => Ops.Divide(a, b);
    public static Tensor operator /(double a, Tensor b) => Ops.Divide(a, b);

    public static Tensor operator -(Tensor x) => Ops.Negate(x);
}
