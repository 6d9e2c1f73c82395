# 個別建立帳戶時 (R6)，系統管理員寄給每位員工的登入資訊郵件：純文字。
# 用語依照 Microsoft 的繁體中文說明文件（合作夥伴中心、合作夥伴大學、登入資訊、暫時密碼、專長認證）。
# 變數前後都寫一個空格：插入中文姓名或公司名稱時，程式會拿掉兩邊都是中文字的那個空格
# （王小明您好：），英文姓名和數字則保留（David Wilson 您好：）。

signon-subject = 您在 { $organization } 的合作夥伴中心登入資訊
signon-greeting = { $name } 您好：
signon-added = { $admin } 已將您加入 { $organization }（MPN ID：{ $mpn_id }）的合作夥伴中心帳戶。合作夥伴中心取代了 Partner Membership Center。
signon-your-admin = 您的系統管理員
signon-info = 您的登入資訊：
signon-username = 使用者名稱：
signon-password = 暫時密碼：
signon-expires = 密碼到期日：
signon-sign-in-at = 登入網址：
signon-deadline = 請在 { $date } 之前登入合作夥伴中心。暫時密碼只能使用 90 天；逾期未登入，系統管理員就必須移除您的帳戶，再重新新增一次。
signon-then = 接著請依序完成：
signon-step-sign-in = 以上方的使用者名稱和暫時密碼登入，然後設定您自己的密碼。
signon-step-university = 如果您有合作夥伴大學帳戶，請將它連接到合作夥伴中心（合作夥伴中心儀表板 >「更新設定檔」>「取得合作夥伴大學存取權」）。
signon-step-university-member = 將您的合作夥伴大學帳戶連接到合作夥伴中心（合作夥伴中心儀表板 >「更新設定檔」>「取得合作夥伴大學存取權」）。
signon-step-exams = 將您的 Microsoft 技術測驗及認證與帳戶建立關聯，讓它們計入 { $organization } 的專長認證。
signon-step-exams-listed = 將您的 Microsoft 技術測驗及認證（{ $exams }）與帳戶建立關聯，讓它們計入 { $organization } 的專長認證。
signon-step-password-reset = 選用：設定密碼重設自助，並選好您的安全性問題。
signon-progress = 建立帳戶關聯或完成技能目標 24 小時後，專長認證的進度才會出現在「合作關係 > 專長認證」中。
signon-delete = 這封郵件含有密碼：登入之後請將它刪除。
