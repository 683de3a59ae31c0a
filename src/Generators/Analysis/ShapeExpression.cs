using System;
using System.Collections.Generic;
using System.Globalization;

namespace Layers.Generators.Analysis;

/// <summary>What a bare name in a shape expression refers to.</summary>
internal readonly struct ShapeName
{
    private ShapeName(ShapeNameKind kind, string? code, string? detail)
    {
        Kind = kind;
        Code = code;
        Detail = detail;
    }

    public ShapeNameKind Kind { get; }

    /// <summary>The C# that reads the value (<c>this.Units</c>), or the tensor index / parameter name for call arguments.</summary>
    public string? Code { get; }

    /// <summary>For errors: the type found, or what to do instead.</summary>
    public string? Detail { get; }

    public static ShapeName IntMember(string code) => new(ShapeNameKind.IntMember, code, null);
    public static ShapeName Tensor(int index) => new(ShapeNameKind.Tensor, index.ToString(CultureInfo.InvariantCulture), null);
    public static ShapeName TensorList() => new(ShapeNameKind.TensorList, null, null);
    public static ShapeName WrongType(string detail) => new(ShapeNameKind.WrongType, null, detail);
    public static ShapeName Unknown(string? hint) => new(ShapeNameKind.Unknown, null, hint);
}

internal enum ShapeNameKind
{
    Unknown,
    IntMember,
    Tensor,
    TensorList,
    WrongType,
}

/// <summary>The outcome of checking a shape: C# code for a <c>Layers.Shape</c>, or the first error and where it is.</summary>
internal sealed class ShapeResult
{
    public string? Code { get; private set; }

    /// <summary>True when a dimension reads a call argument's shape: the weight is created while building.</summary>
    public bool UsesCallArguments { get; private set; }

    public ShapeErrorKind Error { get; private set; }

    /// <summary>The error's message detail, or the offending name.</summary>
    public string? ErrorText { get; private set; }

    /// <summary>For unknown or wrong-kind names: a hint or the explanation.</summary>
    public string? ErrorDetail { get; private set; }

    public int ErrorStart { get; private set; }

    public int ErrorLength { get; private set; }

    public static ShapeResult Success(string code, bool usesCallArguments) => new() { Code = code, UsesCallArguments = usesCallArguments };

    public static ShapeResult Failure(ShapeErrorKind kind, string text, string? detail, int start, int length) =>
        new() { Error = kind, ErrorText = text, ErrorDetail = detail, ErrorStart = start, ErrorLength = Math.Max(length, 0) };
}

internal enum ShapeErrorKind
{
    None,
    Syntax,
    UnknownName,
    WrongType,
}

/// <summary>
/// The small checked language of <c>[Weight(Shape = …)]</c>: comma-separated dimensions of integer literals,
/// int members, call-argument dimensions (<c>inputs[-1]</c>; <c>inputs[0][-1]</c> for a list parameter),
/// <c>+ - * /</c> and parentheses. It compiles to the C# argument list of <c>new Shape(…)</c>, evaluating
/// constant parts so that division by zero and overflow are compile-time errors here, not in generated code.
/// </summary>
internal sealed class ShapeExpression
{
    private readonly string _text;
    private readonly Func<string, ShapeName> _resolve;
    private readonly List<Token> _tokens;
    private int _position;
    private bool _usesCallArguments;

    private ShapeExpression(string text, Func<string, ShapeName> resolve)
    {
        _text = text;
        _resolve = resolve;
        _tokens = new List<Token>();
    }

    /// <summary>Checks <paramref name="text"/> and writes the C# for its shape; names are resolved by <paramref name="resolve"/>.</summary>
    public static ShapeResult Compile(string text, Func<string, ShapeName> resolve)
    {
        var expression = new ShapeExpression(text, resolve);
        try
        {
            return expression.CompileShape();
        }
        catch (ShapeError error)
        {
            return error.Result;
        }
    }

    private ShapeResult CompileShape()
    {
        Tokenize();
        var dims = new List<string>();
        if (Current.Kind != TokenKind.End)
        {
            while (true)
            {
                dims.Add(Dimension().Code);
                if (Current.Kind == TokenKind.Comma)
                {
                    _position++;
                    if (Current.Kind == TokenKind.End) break; // a trailing comma, as in Python's (3,)
                    continue;
                }
                if (Current.Kind != TokenKind.End) throw Syntax($"unexpected '{Current.Text}'", Current);
                break;
            }
        }
        string code = dims.Count == 0
            ? "global::Layers.Shape.Scalar"
            : "new global::Layers.Shape(" + string.Join(", ", dims) + ")";
        return ShapeResult.Success(code, _usesCallArguments);
    }

    // dimension := term (('+' | '-') term)*
    private Value Dimension()
    {
        var left = Term();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Next();
            left = Combine(left, op, Term());
        }
        return left;
    }

    // term := factor (('*' | '/') factor)*
    private Value Term()
    {
        var left = Factor();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Next();
            left = Combine(left, op, Factor());
        }
        return left;
    }

    // factor := INT | NAME index* | '(' dimension ')'
    private Value Factor()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                _position++;
                int value = ParseInt(token, negative: false);
                return new Value(value.ToString(CultureInfo.InvariantCulture), value);
            case TokenKind.Name:
                _position++;
                return Name(token);
            case TokenKind.OpenParen:
                _position++;
                var inner = Dimension();
                Expect(TokenKind.CloseParen, "')'");
                return new Value("(" + inner.Code + ")", inner.Constant);
            case TokenKind.End:
                // Point at the token that left the expression unfinished (a trailing operator).
                if (_position == 0) throw Syntax("a dimension is missing", token);
                var last = _tokens[_position - 1];
                throw Syntax(last.Kind == TokenKind.Comma ? "a dimension is missing" : $"'{last.Text}' needs something after it", last);
            default:
                throw Syntax($"unexpected '{token.Text}'", token);
        }
    }

    private Value Name(Token name)
    {
        var indexes = new List<(int Value, Token Token)>();
        while (Current.Kind == TokenKind.OpenBracket)
        {
            _position++;
            bool negative = false;
            if (Current.Kind == TokenKind.Minus)
            {
                negative = true;
                _position++;
            }
            if (Current.Kind != TokenKind.Integer) throw Syntax("an index must be an integer such as [0] or [-1]", Current);
            var indexToken = Next();
            indexes.Add((ParseInt(indexToken, negative), indexToken));
            Expect(TokenKind.CloseBracket, "']'");
        }

        var resolved = _resolve(name.Text);
        int length = indexes.Count == 0 ? name.Length : _tokens[_position - 1].End - name.Start;
        switch (resolved.Kind)
        {
            case ShapeNameKind.IntMember when indexes.Count == 0:
                return new Value(resolved.Code!, null);
            case ShapeNameKind.IntMember:
                throw Failure(ShapeErrorKind.WrongType, name.Text, "an int member, which cannot be indexed; only Call's tensor parameters have dimensions", name.Start, length);
            case ShapeNameKind.Tensor when indexes.Count == 1:
                _usesCallArguments = true;
                return new Value($"inputShapes[{resolved.Code}][{Index(indexes[0].Value)}]", null);
            case ShapeNameKind.Tensor:
                throw Failure(ShapeErrorKind.WrongType, name.Text,
                    indexes.Count == 0
                        ? $"a tensor parameter of Call; write one of its dimensions, such as {name.Text}[-1]"
                        : $"a tensor parameter of Call, which takes one index, such as {name.Text}[-1]",
                    name.Start, length);
            case ShapeNameKind.TensorList when indexes.Count == 2:
                _usesCallArguments = true;
                return new Value($"inputShapes[{indexes[0].Value.ToString(CultureInfo.InvariantCulture)}][{Index(indexes[1].Value)}]", null);
            case ShapeNameKind.TensorList:
                throw Failure(ShapeErrorKind.WrongType, name.Text,
                    $"the list of tensors Call takes; write an item's dimension, such as {name.Text}[0][-1]", name.Start, length);
            case ShapeNameKind.WrongType:
                throw Failure(ShapeErrorKind.WrongType, name.Text, resolved.Detail, name.Start, length);
            default:
                throw Failure(ShapeErrorKind.UnknownName, name.Text, resolved.Detail, name.Start, name.Length);
        }
    }

    private static string Index(int value) => value.ToString(CultureInfo.InvariantCulture);

    private Value Combine(Value left, Token op, Value right)
    {
        int? constant = null;
        if (left.Constant is { } a && right.Constant is { } b)
        {
            long result = op.Kind switch
            {
                TokenKind.Plus => (long)a + b,
                TokenKind.Minus => (long)a - b,
                TokenKind.Star => (long)a * b,
                _ => b == 0 ? throw Syntax("division by zero", op) : (long)a / b,
            };
            if (result < int.MinValue || result > int.MaxValue) throw Syntax("the value does not fit in an int", op);
            constant = (int)result;
        }
        else if (op.Kind == TokenKind.Slash && right.Constant == 0)
        {
            throw Syntax("division by zero", op);
        }
        // No parentheses are added: the user's own are kept, and C# has the same precedence and
        // left-associativity as this grammar, so the text means the same in the generated code.
        return new Value(left.Code + " " + op.Text + " " + right.Code, constant);
    }

    private int ParseInt(Token token, bool negative)
    {
        string digits = negative ? "-" + token.Text : token.Text;
        if (!int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw Syntax($"{digits} does not fit in an int", token);
        return value;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
            throw Syntax(Current.Kind == TokenKind.End ? $"{what} is missing" : $"expected {what} but found '{Current.Text}'", Current);
        _position++;
    }

    private Token Current => _tokens[_position];

    private Token Next() => _tokens[_position++];

    private void Tokenize()
    {
        int i = 0;
        while (i < _text.Length)
        {
            char c = _text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            int start = i;
            if (c >= '0' && c <= '9')
            {
                while (i < _text.Length && _text[i] >= '0' && _text[i] <= '9') i++;
                if (i < _text.Length && IsNameChar(_text[i]))
                    throw Syntax($"'{_text.Substring(start, NameEnd(i) - start)}' is not a number or a name", start, NameEnd(i) - start);
                Add(TokenKind.Integer, start, i);
                continue;
            }
            if (IsNameStart(c))
            {
                i = NameEnd(i);
                Add(TokenKind.Name, start, i);
                continue;
            }
            var kind = c switch
            {
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '(' => TokenKind.OpenParen,
                ')' => TokenKind.CloseParen,
                '[' => TokenKind.OpenBracket,
                ']' => TokenKind.CloseBracket,
                ',' => TokenKind.Comma,
                _ => TokenKind.End,
            };
            if (kind == TokenKind.End)
                throw Syntax($"'{c}' is not allowed", start, 1);
            i++;
            Add(kind, start, i);
        }
        _tokens.Add(new Token(TokenKind.End, "end of text", _text.Length, 0));
    }

    private int NameEnd(int i)
    {
        while (i < _text.Length && IsNameChar(_text[i])) i++;
        return i;
    }

    private void Add(TokenKind kind, int start, int end) => _tokens.Add(new Token(kind, _text.Substring(start, end - start), start, end - start));

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '@';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private ShapeError Syntax(string message, Token token) => Syntax(message, token.Start, token.Length);

    private ShapeError Syntax(string message, int start, int length) =>
        new(ShapeResult.Failure(ShapeErrorKind.Syntax, message, null, start, Math.Max(length, 0)));

    private static ShapeError Failure(ShapeErrorKind kind, string name, string? detail, int start, int length) =>
        new(ShapeResult.Failure(kind, name, detail, start, length));

    private enum TokenKind
    {
        End,
        Integer,
        Name,
        Plus,
        Minus,
        Star,
        Slash,
        OpenParen,
        CloseParen,
        OpenBracket,
        CloseBracket,
        Comma,
    }

    private readonly struct Token(TokenKind kind, string text, int start, int length)
    {
        public TokenKind Kind { get; } = kind;
        public string Text { get; } = text;
        public int Start { get; } = start;
        public int Length { get; } = length;
        public int End => Start + Length;
    }

    private readonly struct Value(string code, int? constant)
    {
        public string Code { get; } = code;
        public int? Constant { get; } = constant;
    }

    /// <summary>Unwinds the recursive descent at the first error; shapes are a few tokens long, so this is cheap.</summary>
    private sealed class ShapeError(ShapeResult result) : Exception
    {
        public ShapeResult Result { get; } = result;
    }
}
