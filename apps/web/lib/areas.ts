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

/** A section of the client portal or studio admin: its URL segment, message key and icon. */
export interface AreaSection {
  segment: string;
  icon: LucideIcon;
}

export const PORTAL_SECTIONS = [
  { segment: 'orders', icon: ShoppingBag },
  { segment: 'wallet', icon: Wallet },
  { segment: 'payment-plans', icon: CalendarClock },
  { segment: 'projects', icon: FolderKanban },
  { segment: 'bookings', icon: CalendarDays },
  { segment: 'downloads', icon: Download },
  { segment: 'account', icon: UserRound },
] as const satisfies readonly AreaSection[];

export const ADMIN_SECTIONS = [
  { segment: 'catalog', icon: Tags },
  { segment: 'orders', icon: ShoppingBag },
  { segment: 'payments', icon: CreditCard },
  { segment: 'promo-codes', icon: TicketPercent },
  { segment: 'commerce', icon: Truck },
  { segment: 'clients', icon: Users },
  { segment: 'bookings', icon: CalendarDays },
  { segment: 'galleries', icon: Images },
  { segment: 'messages', icon: MessagesSquare },
  { segment: 'team', icon: UsersRound },
  { segment: 'audit', icon: ScrollText },
  { segment: 'settings', icon: Settings },
  { segment: 'billing', icon: Landmark },
] as const satisfies readonly AreaSection[];

export const DashboardIcon = LayoutDashboard;

export function findSection<S extends AreaSection>(sections: readonly S[], segment: string): S | undefined {
  return sections.find((section) => section.segment === segment);
}
