# 報告中的員工檢查清單（index.html，以及各組織頁面，以該組織員工的語言呈現）。
# 每個步驟是一個粗體標題加上一句說明；最後的提示中 .place 是合作夥伴中心的選單路徑。

checklist-title = 員工檢查清單
checklist-intro = 帳戶建立之後，每位員工要完成的事項 (R8)。
checklist-sign-in = 取得您的登入資訊。
    .bulk = 合作夥伴中心會以電子郵件寄給您使用者名稱和暫時密碼。請在 90 天內登入，並設定您自己的密碼。
    .individual = 您的系統管理員會直接將使用者名稱和暫時密碼交給您。請在 90 天內登入，並設定您自己的密碼。
checklist-university = 連接您的合作夥伴大學帳戶。
    .text = 在合作夥伴中心儀表板選取「更新設定檔」>「取得合作夥伴大學存取權」，即可繼續使用合作夥伴大學。
checklist-exams = 將您的 Microsoft 技術測驗及認證與帳戶建立關聯。
    .text = 這樣它們才會計入您組織的專長認證。
checklist-password-reset = 選用：設定密碼重設自助。
    .text = 日後忘記密碼時，您就能自行重設。
checklist-wait = R9 · 預留 24 小時。
    .before = 建立帳戶關聯或完成技能目標 24 小時後，專長認證的進度會顯示在
    .place = 合作關係 › 專長認證
    .after = 區段中。
