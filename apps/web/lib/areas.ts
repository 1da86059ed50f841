import {
  CalendarClock,
  CalendarDays,
  CreditCard,
  Download,
  FolderKanban,
  Images,
  Landmark,
  LayoutDashboard,
  type LucideIcon,
  MessagesSquare,
  ScrollText,
  Settings,
  ShoppingBag,
  Tags,
  TicketPercent,
  Truck,
  UserRound,
  Users,
  UsersRound,
  Wallet,
} from 'lucide-react';

/**
 * A section of the client portal or studio admin: its URL segment, message key and icon. `soon` marks a
 * section whose module has not shipped: it stays out of the navigation (a client of a licence-key shop
 * should not meet "Downloads: coming soon" among the things they can do), and its URL still answers with
 * a page saying what will be there, for anyone who has it from the docs or a bookmark.
 */
export interface AreaSection {
  segment: string;
  icon: LucideIcon;
  soon?: true;
}

export const PORTAL_SECTIONS = [
  { segment: 'orders', icon: ShoppingBag },
  { segment: 'wallet', icon: Wallet },
  { segment: 'payment-plans', icon: CalendarClock },
  { segment: 'projects', icon: FolderKanban, soon: true },
  { segment: 'bookings', icon: CalendarDays, soon: true },
  { segment: 'downloads', icon: Download, soon: true },
  { segment: 'account', icon: UserRound },
] as const satisfies readonly AreaSection[];

export const ADMIN_SECTIONS = [
  { segment: 'catalog', icon: Tags },
  { segment: 'orders', icon: ShoppingBag },
  { segment: 'payments', icon: CreditCard },
  { segment: 'promo-codes', icon: TicketPercent },
  { segment: 'commerce', icon: Truck },
  { segment: 'clients', icon: Users },
  { segment: 'bookings', icon: CalendarDays, soon: true },
  { segment: 'galleries', icon: Images, soon: true },
  { segment: 'messages', icon: MessagesSquare },
  { segment: 'team', icon: UsersRound },
  { segment: 'audit', icon: ScrollText },
  { segment: 'settings', icon: Settings },
  { segment: 'billing', icon: Landmark },
] as const satisfies readonly AreaSection[];

export const DashboardIcon = LayoutDashboard;

/** The sections that belong in the navigation: those that have shipped. */
export function shippedSections<S extends AreaSection>(sections: readonly S[]): S[] {
  return sections.filter((section) => !section.soon);
}

export function findSection<S extends AreaSection>(sections: readonly S[], segment: string): S | undefined {
  return sections.find((section) => section.segment === segment);
}
