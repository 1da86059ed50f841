'use client';

import {
  ArrowDown,
  ArrowLeft,
  ArrowRight,
  ArrowUp,
  FolderPlus,
  GripVertical,
  Pencil,
  Trash2,
} from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { problemFields, problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { cn } from '@/lib/cn';
import { catalogCall } from './admin-api';
import { buildTree, type CategoryNode, categoryChoices, isWithin } from './category-tree-model';
import { FieldError, fieldAria } from './fields';
import { SLUG_PATTERN, slugify } from './item-draft';
import type { AdminCategory } from './types';

type Editing =
  | { mode: 'add'; parentId: string | null }
  | { mode: 'rename'; id: string }
  | { mode: 'delete'; id: string };

/**
 * The category tree of any depth. Order and nesting change by dragging a row onto another (it goes
 * before that row, under the same parent) or with the buttons on each row: up, down, indent (into
 * the category above), outdent (next to its parent). Each move is announced and saved at once.
 */
export function CategoryTree({ studio, initial }: { studio: string; initial: AdminCategory[] }) {
  const t = useTranslations('CatalogAdmin.categories');
  const tErr = useTranslations('CatalogAdmin.errors');
  const word = useFieldErrorWords();
  const router = useRouter();
  const [categories, setCategories] = useState(initial);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const tree = buildTree(categories);
  const byId = new Map(categories.map((c) => [c.id, c]));

  const siblingsOf = (parentId: string | null) =>
    categories
      .filter((c) => c.parentId === parentId)
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));

  /** Puts `id` under `parentId` at `index` among its new siblings, renumbering positions locally. */
  const placeLocally = (list: AdminCategory[], id: string, parentId: string | null, index: number) => {
    const moving = list.find((c) => c.id === id);
    if (!moving) return list;
    const siblings = list
      .filter((c) => c.parentId === parentId && c.id !== id)
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    siblings.splice(Math.max(0, Math.min(index, siblings.length)), 0, { ...moving, parentId });
    const positions = new Map(siblings.map((c, i) => [c.id, i]));
    const oldSiblings = list
      .filter((c) => c.parentId === moving.parentId && c.id !== id)
      .sort((a, b) => a.position - b.position);
    const oldPositions = new Map(oldSiblings.map((c, i) => [c.id, i]));
    return list.map((c) => {
      if (positions.has(c.id))
        return { ...c, parentId: c.id === id ? parentId : c.parentId, position: positions.get(c.id) ?? 0 };
      if (oldPositions.has(c.id)) return { ...c, position: oldPositions.get(c.id) ?? 0 };
      return c;
    });
  };

  const move = async (id: string, parentId: string | null, index: number) => {
    const category = byId.get(id);
    if (!category || isWithin(categories, parentId, id)) return;
    const before = categories;
    setCategories(placeLocally(categories, id, parentId, index));
    setNotice(null);
    try {
      await catalogCall(studio, 'POST', `/categories/${id}/move`, { parentId, position: index });
      const count = siblingsOf(parentId).filter((c) => c.id !== id).length + 1;
      const parentName = parentId ? byId.get(parentId)?.name : null;
      setNotice({
        tone: 'success',
        text: parentName
          ? t('movedUnder', { name: category.name, position: index + 1, count, parent: parentName })
          : t('movedTop', { name: category.name, position: index + 1, count }),
      });
      router.refresh();
    } catch (error) {
      setCategories(before);
      setNotice({ tone: 'error', text: problemSummary(error, tErr, word) });
    }
  };

  const moveBy = (node: CategoryNode, action: 'up' | 'down' | 'indent' | 'outdent') => {
    const siblings = siblingsOf(node.parentId);
    const index = siblings.findIndex((c) => c.id === node.id);
    if (action === 'up' && index > 0) void move(node.id, node.parentId, index - 1);
    if (action === 'down' && index < siblings.length - 1) void move(node.id, node.parentId, index + 1);
    if (action === 'indent' && index > 0) {
      const newParent = siblings[index - 1];
      if (newParent) void move(node.id, newParent.id, siblingsOf(newParent.id).length);
    }
    if (action === 'outdent' && node.parentId) {
      const parent = byId.get(node.parentId);
      if (parent) {
        const parentIndex = siblingsOf(parent.parentId).findIndex((c) => c.id === parent.id);
        void move(node.id, parent.parentId, parentIndex + 1);
      }
    }
    // Keep focus on the moved row once it re-renders in its new place: on the same control, or, when the
    // move made that one disabled (moved to the top, the bottom, in or out), on the one that undoes it.
    // Focusing a disabled button does nothing, which left keyboard users on <body>.
    const undo = { up: 'down', down: 'up', indent: 'outdent', outdent: 'indent' } as const;
    requestAnimationFrame(() => {
      const target = [action, undo[action], 'up', 'down']
        .map((control) => document.getElementById(`cat-${control}-${node.id}`))
        .find((button) => button instanceof HTMLButtonElement && !button.disabled);
      target?.focus();
    });
  };

  const renderNodes = (nodes: CategoryNode[], depth: number) => (
    <ul className={cn('space-y-2', depth > 0 && 'mt-2 border-l pl-3 sm:pl-6')}>
      {nodes.map((node, index) => (
        <li
          key={node.id}
          data-category={node.name}
          onDragOver={(event) => {
            if (dragged && dragged !== node.id && !isWithin(categories, node.id, dragged)) {
              event.preventDefault();
              event.stopPropagation();
            }
          }}
          onDrop={(event) => {
            event.preventDefault();
            event.stopPropagation();
            if (dragged && dragged !== node.id) {
              const targetIndex = siblingsOf(node.parentId)
                .filter((c) => c.id !== dragged)
                .findIndex((c) => c.id === node.id);
              void move(dragged, node.parentId, targetIndex);
            }
            setDragged(null);
          }}
        >
          {/* biome-ignore lint/a11y/noStaticElementInteractions: dragging is the pointer shortcut; the row's buttons do the same by keyboard */}
          <div
            draggable
            onDragStart={(event) => {
              event.stopPropagation();
              event.dataTransfer.effectAllowed = 'move';
              setDragged(node.id);
            }}
            onDragEnd={() => setDragged(null)}
            className={cn(
              'flex flex-wrap items-center gap-1 rounded-lg border bg-card px-2 py-1.5',
              dragged === node.id && 'opacity-50',
            )}
          >
            <GripVertical className="size-4 cursor-grab text-muted-foreground" aria-hidden="true" />
            <span className="min-w-0 flex-1 px-1 font-medium">
              {node.name}
              <span className="block break-all text-xs font-normal text-muted-foreground sm:ml-2 sm:inline">
                /{node.slug}
                {node.itemCount !== undefined ? ` · ${t('itemCount', { count: node.itemCount })}` : null}
              </span>
            </span>
            <div className="flex w-full flex-wrap justify-end gap-0.5 sm:w-auto">
              <IconButton
                id={`cat-up-${node.id}`}
                label={t('moveUp', { name: node.name })}
                disabled={index === 0}
                onClick={() => moveBy(node, 'up')}
              >
                <ArrowUp aria-hidden="true" />
              </IconButton>
              <IconButton
                id={`cat-down-${node.id}`}
                label={t('moveDown', { name: node.name })}
                disabled={index === nodes.length - 1}
                onClick={() => moveBy(node, 'down')}
              >
                <ArrowDown aria-hidden="true" />
              </IconButton>
              <IconButton
                id={`cat-outdent-${node.id}`}
                label={t('outdent', { name: node.name })}
                disabled={!node.parentId}
                onClick={() => moveBy(node, 'outdent')}
              >
                <ArrowLeft aria-hidden="true" />
              </IconButton>
              <IconButton
                id={`cat-indent-${node.id}`}
                label={t('indent', { name: node.name })}
                disabled={index === 0}
                onClick={() => moveBy(node, 'indent')}
              >
                <ArrowRight aria-hidden="true" />
              </IconButton>
              <IconButton
                label={t('addChild', { name: node.name })}
                onClick={() => setEditing({ mode: 'add', parentId: node.id })}
              >
                <FolderPlus aria-hidden="true" />
              </IconButton>
              <IconButton
                label={t('rename', { name: node.name })}
                onClick={() => setEditing({ mode: 'rename', id: node.id })}
              >
                <Pencil aria-hidden="true" />
              </IconButton>
              <IconButton
                label={t('delete', { name: node.name })}
                onClick={() => setEditing({ mode: 'delete', id: node.id })}
              >
                <Trash2 aria-hidden="true" />
              </IconButton>
            </div>
          </div>
          {editing && editing.mode !== 'add' && editing.id === node.id ? (
            editing.mode === 'rename' ? (
              <CategoryForm
                studio={studio}
                category={node}
                parentId={node.parentId}
                onDone={(saved, message) => {
                  setEditing(null);
                  if (saved) {
                    setCategories((list) => list.map((c) => (c.id === saved.id ? { ...c, ...saved } : c)));
                    setNotice({ tone: 'success', text: message });
                    router.refresh();
                  }
                }}
              />
            ) : (
              <DeleteCategory
                studio={studio}
                category={node}
                categories={categories}
                pending={pending}
                setPending={setPending}
                onDone={(deleted, message) => {
                  setEditing(null);
                  if (deleted) {
                    // Children move up to the deleted category's parent, as the API does.
                    setCategories((list) =>
                      list
                        .filter((c) => c.id !== node.id)
                        .map((c) => (c.parentId === node.id ? { ...c, parentId: node.parentId } : c)),
                    );
                    setNotice({ tone: 'success', text: message });
                    router.refresh();
                  } else if (message) setNotice({ tone: 'error', text: message });
                }}
              />
            )
          ) : null}
          {editing?.mode === 'add' && editing.parentId === node.id ? (
            <CategoryForm
              studio={studio}
              parentId={node.id}
              onDone={(saved, message) => {
                setEditing(null);
                if (saved) {
                  setCategories((list) => [...list, saved]);
                  setNotice({ tone: 'success', text: message });
                  router.refresh();
                }
              }}
            />
          ) : null}
          {node.children.length > 0 ? renderNodes(node.children, depth + 1) : null}
        </li>
      ))}
    </ul>
  );

  return (
    <div className="space-y-4">
      <div aria-live="polite" data-testid="category-notice">
        {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
      </div>
      <p className="text-sm text-muted-foreground">{t('howTo')}</p>
      {tree.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('empty')}</p>
      ) : (
        renderNodes(tree, 0)
      )}
      {editing?.mode === 'add' && editing.parentId === null ? (
        <CategoryForm
          studio={studio}
          parentId={null}
          onDone={(saved, message) => {
            setEditing(null);
            if (saved) {
              setCategories((list) => [...list, saved]);
              setNotice({ tone: 'success', text: message });
              router.refresh();
            }
          }}
        />
      ) : (
        <Button type="button" variant="outline" onClick={() => setEditing({ mode: 'add', parentId: null })}>
          <FolderPlus aria-hidden="true" />
          {t('addRoot')}
        </Button>
      )}
    </div>
  );
}

function IconButton({
  label,
  children,
  ...props
}: {
  label: string;
  children: React.ReactNode;
  id?: string;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      className="size-9"
      aria-label={label}
      title={label}
      {...props}
    >
      {children}
    </Button>
  );
}

/** Add (under `parentId`) or rename a category; the slug follows the name until edited. */
function CategoryForm({
  studio,
  category,
  parentId,
  onDone,
}: {
  studio: string;
  category?: AdminCategory;
  parentId: string | null;
  onDone: (saved: AdminCategory | null, message: string) => void;
}) {
  const t = useTranslations('CatalogAdmin.categories');
  const tv = useTranslations('CatalogAdmin.validation');
  const tErr = useTranslations('CatalogAdmin.errors');
  const word = useFieldErrorWords();
  const [name, setName] = useState(category?.name ?? '');
  const [slug, setSlug] = useState(category?.slug ?? '');
  const [slugEdited, setSlugEdited] = useState(Boolean(category));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const prefix = category ? `rename-${category.id}` : `add-${parentId ?? 'root'}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = tv('required');
    if (!SLUG_PATTERN.test(slug)) local.slug = slug ? tv('slug') : tv('required');
    setErrors(local);
    if (Object.keys(local).length > 0) {
      document.getElementById(fieldAria(`${prefix}.${Object.keys(local)[0]}`).id)?.focus();
      return;
    }
    setPending(true);
    try {
      const saved = category
        ? await catalogCall<AdminCategory>(studio, 'PATCH', `/categories/${category.id}`, {
            name: name.trim(),
            slug,
          })
        : await catalogCall<AdminCategory>(studio, 'POST', '/categories', {
            name: name.trim(),
            slug,
            parentId,
          });
      onDone(
        { ...saved, parentId: saved.parentId ?? parentId, position: saved.position ?? 0 },
        category ? t('renamed', { name: name.trim() }) : t('added', { name: name.trim() }),
      );
    } catch (error) {
      const fields = problemFields(error, word);
      setErrors({
        ...(fields.name ? { name: fields.name } : {}),
        ...(fields.slug ? { slug: fields.slug } : {}),
      });
      setFormError(fields.name || fields.slug ? null : problemSummary(error, tErr, word));
      const first = fields.name ? 'name' : fields.slug ? 'slug' : null;
      if (first)
        requestAnimationFrame(() => document.getElementById(fieldAria(`${prefix}.${first}`).id)?.focus());
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      noValidate
      className="mt-2 space-y-3 rounded-lg border border-dashed p-3"
      aria-label={category ? t('renameForm', { name: category.name }) : t('addForm')}
    >
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <Label htmlFor={fieldAria(`${prefix}.name`).id}>{t('name')}</Label>
          <Input
            {...fieldAria(`${prefix}.name`, errors.name)}
            autoFocus
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              if (!slugEdited) setSlug(slugify(event.target.value));
            }}
          />
          <FieldError path={`${prefix}.name`} error={errors.name} />
        </div>
        <div className="space-y-1">
          <Label htmlFor={fieldAria(`${prefix}.slug`).id}>{t('slug')}</Label>
          <Input
            {...fieldAria(`${prefix}.slug`, errors.slug)}
            value={slug}
            onChange={(event) => {
              setSlug(event.target.value.toLowerCase());
              setSlugEdited(true);
            }}
          />
          <FieldError path={`${prefix}.slug`} error={errors.slug} />
        </div>
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {category ? t('saveName') : t('add')}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => onDone(null, '')}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Deleting a category that holds items asks where they go: to another category, or nowhere. */
function DeleteCategory({
  studio,
  category,
  categories,
  pending,
  setPending,
  onDone,
}: {
  studio: string;
  category: AdminCategory;
  categories: AdminCategory[];
  pending: boolean;
  setPending: (pending: boolean) => void;
  onDone: (deleted: boolean, message: string) => void;
}) {
  const t = useTranslations('CatalogAdmin.categories');
  const tErr = useTranslations('CatalogAdmin.errors');
  const word = useFieldErrorWords();
  const [choice, setChoice] = useState<'move' | 'uncategorise'>('uncategorise');
  const [target, setTarget] = useState('');
  const targets = categoryChoices(categories).filter((c) => !isWithin(categories, c.id, category.id));
  const holdsItems = (category.itemCount ?? 0) > 0;
  const hasChildren = categories.some((c) => c.parentId === category.id);
  const selectId = `delete-target-${category.id}`;

  const confirm = async () => {
    setPending(true);
    try {
      const query = new URLSearchParams();
      if (holdsItems) query.set('items', choice === 'move' ? 'move' : 'uncategorise');
      if (holdsItems && choice === 'move') query.set('to', target);
      if (hasChildren) query.set('children', 'move_up');
      await catalogCall(studio, 'DELETE', `/categories/${category.id}${query.size ? `?${query}` : ''}`);
      onDone(true, t('deleted', { name: category.name }));
    } catch (error) {
      onDone(false, problemSummary(error, tErr, word));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="mt-2 space-y-3 rounded-lg border border-destructive/60 p-3">
      <p className="text-sm">
        {holdsItems
          ? t('deleteWithItems', { name: category.name, count: category.itemCount ?? 0 })
          : t('deleteEmpty', { name: category.name })}
      </p>
      {hasChildren ? <p className="text-sm">{t('childrenMoveUp')}</p> : null}
      {holdsItems ? (
        <fieldset className="space-y-2">
          <legend className="sr-only">{t('deleteChoice')}</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`delete-${category.id}`}
              className="accent-brand"
              checked={choice === 'uncategorise'}
              onChange={() => setChoice('uncategorise')}
            />
            {t('uncategorise')}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`delete-${category.id}`}
              className="accent-brand"
              checked={choice === 'move'}
              onChange={() => setChoice('move')}
            />
            {t('moveItems')}
          </label>
          {choice === 'move' ? (
            <div className="space-y-1 pl-6">
              <Label htmlFor={selectId}>{t('moveTo')}</Label>
              <NativeSelect id={selectId} value={target} onChange={(event) => setTarget(event.target.value)}>
                <option value="">—</option>
                {targets.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : null}
        </fieldset>
      ) : null}
      <div className="flex gap-2">
        <Button
          type="button"
          size="sm"
          variant="outline"
          className="border-destructive text-destructive"
          disabled={pending || (holdsItems && choice === 'move' && !target)}
          onClick={() => void confirm()}
          autoFocus
        >
          {t('confirmDelete')}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => onDone(false, '')}>
          {t('cancel')}
        </Button>
      </div>
    </div>
  );
}
