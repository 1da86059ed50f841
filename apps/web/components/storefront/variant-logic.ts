/**
 * Which option values a shopper may pick, given the variants that exist and can be bought.
 *
 * The axes are decided in order (Size, then Material, then Colour): a value of axis i is enabled when
 * some buyable variant has it together with the values already chosen on axes 0..i-1. Later axes do
 * not constrain earlier ones, so a shopper is never trapped (they can always pick another Size, and the
 * later axes then move to the first combination that can be bought).
 */

export interface PickerOption {
  name: string;
  values: string[];
}

export interface PickerVariant {
  id: string;
  /** Option name -> value; {} for the single default variant of an item without options. */
  optionValues: Record<string, string>;
  /** Active and in stock (or stock not tracked). */
  available: boolean;
}

export type Selection = Record<string, string>;

function matches(variant: PickerVariant, selection: Selection, axes: readonly PickerOption[]): boolean {
  return axes.every((axis) => {
    const wanted = selection[axis.name];
    return wanted === undefined || variant.optionValues[axis.name] === wanted;
  });
}

/** The variant with exactly these values on every axis, if it exists (bought or not). */
export function findVariant<V extends PickerVariant>(
  variants: readonly V[],
  options: readonly PickerOption[],
  selection: Selection,
): V | undefined {
  return variants.find((variant) =>
    options.every((axis) => variant.optionValues[axis.name] === selection[axis.name]),
  );
}

/** Whether `value` on axis `axisIndex` can be picked after the earlier axes' current values. */
export function isValueEnabled(
  variants: readonly PickerVariant[],
  options: readonly PickerOption[],
  selection: Selection,
  axisIndex: number,
  value: string,
): boolean {
  const axis = options[axisIndex];
  if (!axis) return false;
  const earlier = options.slice(0, axisIndex);
  const prefix: Selection = {};
  for (const option of earlier) {
    const chosen = selection[option.name];
    if (chosen !== undefined) prefix[option.name] = chosen;
  }
  return variants.some(
    (variant) =>
      variant.available && variant.optionValues[axis.name] === value && matches(variant, prefix, earlier),
  );
}

/**
 * The selection after choosing `value` on axis `axisIndex`: earlier axes stay, this one takes the
 * value, and each later axis keeps its value when that is still buyable, else moves to the first one
 * that is.
 */
export function choose(
  variants: readonly PickerVariant[],
  options: readonly PickerOption[],
  selection: Selection,
  axisIndex: number,
  value: string,
): Selection {
  const next: Selection = {};
  options.forEach((option, index) => {
    if (index < axisIndex) {
      const kept = selection[option.name];
      if (kept !== undefined) next[option.name] = kept;
    } else if (index === axisIndex) {
      next[option.name] = value;
    } else {
      const current = selection[option.name];
      const keep = current !== undefined && isValueEnabled(variants, options, next, index, current);
      const first = option.values.find((candidate) =>
        isValueEnabled(variants, options, next, index, candidate),
      );
      const picked = keep ? current : (first ?? current ?? option.values[0]);
      if (picked !== undefined) next[option.name] = picked;
    }
  });
  return next;
}

/**
 * Where the picker starts: the requested variant (a shared `?variant=` link) if it exists, else the
 * first buyable variant, else the first variant (shown as sold out).
 */
export function initialSelection(
  variants: readonly PickerVariant[],
  options: readonly PickerOption[],
  requestedId?: string,
): Selection {
  const start =
    variants.find((variant) => variant.id === requestedId) ??
    variants.find((variant) => variant.available) ??
    variants[0];
  const selection: Selection = {};
  for (const option of options) {
    const value = start?.optionValues[option.name] ?? option.values[0];
    if (value !== undefined) selection[option.name] = value;
  }
  return selection;
}
