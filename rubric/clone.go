package rubric

import (
	"reflect"

	"github.com/shopspring/decimal"
)

// Clone returns a deep copy of r: it shares no slice, map or pointer with
// r, so that changes to one never reach the other. Its decimals are in
// canonical form (0.40 becomes 0.4), so that the clone is the rubric that
// Parse(r.Canonical()) gives, without writing and reading it.
func (r Rubric) Clone() Rubric {
	var out Rubric
	deepCopy(reflect.ValueOf(&out).Elem(), reflect.ValueOf(r))
	return out
}

// deepCopy sets dst, settable, to a deep copy of src, of the same type.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		deepCopy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			deepCopy(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			deepCopy(v, it.Value())
			m.SetMapIndex(it.Key(), v) // keys are strings and other values
		}
		dst.Set(m)
	case reflect.Struct:
		if src.Type() == decimalValueType {
			// What the canonical form writes and Parse reads back.
			d := src.Interface().(decimal.Decimal)
			dst.Set(reflect.ValueOf(decimal.RequireFromString(canonicalDecimal(d))))
			return
		}
		for i := range src.NumField() {
			deepCopy(dst.Field(i), src.Field(i))
		}
	default:
		dst.Set(src)
	}
}

var decimalValueType = reflect.TypeFor[decimal.Decimal]()
